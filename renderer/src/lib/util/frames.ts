/**
 * Resolves once the next frame has been painted: a timer set from an animation frame callback runs after that
 * frame's rendering. Work that need not be on screen in that frame waits for this, so the frame comes sooner.
 */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}
