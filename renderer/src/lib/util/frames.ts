/**
 * Resolves once the next frame has been painted: a timer set from an animation frame callback runs after that
 * frame's rendering. Work that need not be on screen in that frame waits for this, so the frame comes sooner.
 * A hidden page paints nothing and runs no animation frame callbacks until it is shown again, so there it
 * resolves at once, and a timer bounds the wait for a page hidden in the meantime (an edit waits on this).
 */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    if (document.visibilityState === 'hidden') {
      resolve();
      return;
    }
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, 100);
  });
}
