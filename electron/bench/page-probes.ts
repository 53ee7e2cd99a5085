/**
 * Timing code that runs inside the benchmarked page (installed with `page.addInitScript`), so that what is
 * measured is the page's own work between a trigger and a painted frame, never Playwright's round trips.
 *
 * It is plain JavaScript in a string on purpose: tsx compiles the bench with esbuild's keepNames, which wraps
 * functions in a `__name()` helper that does not exist in the page, so functions cannot be handed to
 * `page.evaluate` as they are written here.
 *
 * "Painted" means: the DOM the figure waits for exists, then two animation frames have begun, so the frame that
 * drew it has been presented (the second requestAnimationFrame callback runs after the first frame's paint).
 */
export const PAGE_PROBES = String.raw`
(() => {
  const frames = (count) => new Promise((resolve) => {
    const step = (left) => (left === 0 ? resolve(performance.now()) : requestAnimationFrame(() => step(left - 1)));
    step(count);
  });
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const settle = async (ms) => { await frames(2); await sleep(ms); };

  /** Resolves once predicate() is true, checking after every DOM mutation under root (and once at once). */
  const whenDom = (root, options, predicate, what, timeout = 30000) => new Promise((resolve, reject) => {
    let done = false;
    const finish = () => { done = true; observer.disconnect(); clearTimeout(timer); };
    const check = () => {
      if (done) return;
      let value;
      try { value = predicate(); } catch (error) { finish(); reject(error); return; }
      if (value) { finish(); resolve(value); }
    };
    const observer = new MutationObserver(check);
    observer.observe(root, options);
    const timer = setTimeout(() => { if (!done) { finish(); reject(new Error('timed out waiting for ' + what)); } }, timeout);
    check();
  });

  const documentButton = (title) => {
    const region = document.querySelector('[aria-label="Documents"]');
    const buttons = region ? [...region.querySelectorAll('button')] : [];
    const button = buttons.find((candidate) => (candidate.textContent || '').trim().startsWith(title));
    if (!button) throw new Error('no document button for "' + title + '"');
    return button;
  };

  /**
   * Clicks the document's button in the Documents region and resolves with the milliseconds from the click to
   * the frame after a new .cm-content holding 'painted' (a selector) is in the DOM.
   */
  const open = async (title, painted) => {
    await settle(60);
    const button = documentButton(title);
    if (button.getAttribute('aria-current') === 'page') throw new Error('"' + title + '" is open already');
    const old = document.querySelector('.cm-content');
    let start = 0;
    const shown = whenDom(document.body, { childList: true, subtree: true }, () => {
      const content = document.querySelector('.cm-content');
      return Boolean(content && content !== old && start > 0 && content.querySelector(painted));
    }, title + ' painted');
    start = performance.now();
    button.click();
    await shown;
    return (await frames(2)) - start;
  };

  /** Waits until nothing carries the selected-annotation class (after Escape). */
  const whenDeselected = () => whenDom(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] },
    () => !document.querySelector('.cm-content .cm-annotation-selected'), 'deselection', 5000).then(() => settle(20));

  /**
   * Selects a few words of a line on screen through the DOM selection (CodeMirror reads it on selectionchange,
   * as it does a mouse or keyboard selection) and waits until the editor draws it.
   */
  const selectWords = async (pick) => {
    const content = document.querySelector('.cm-content');
    const scroller = document.querySelector('.cm-scroller');
    content.focus({ preventScroll: true });
    const box = scroller.getBoundingClientRect();
    const pieces = [];
    const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.data.length < 24) continue;
      const range = document.createRange();
      range.setStart(node, 2);
      range.setEnd(node, node.data.length - 2);
      const rect = range.getBoundingClientRect();
      if (rect.top >= box.top + 20 && rect.bottom <= box.bottom - 20) pieces.push(node);
    }
    if (pieces.length === 0) {
      throw new Error('no text on screen to select: ' + JSON.stringify({ box, scrollTop: scroller.scrollTop, height: scroller.scrollHeight, lines: content.children.length, visible: document.visibilityState }));
    }
    const node = pieces[Math.floor(pick * pieces.length) % pieces.length];
    const from = 2 + Math.floor(pick * 4);
    const to = Math.min(node.data.length - 2, from + 10 + Math.floor(pick * 20));
    document.getSelection().setBaseAndExtent(node, from, node, to);
    await whenDom(scroller, { childList: true, subtree: true, attributes: true }, () => document.querySelector('.cm-selectionBackground'), 'the drawn selection', 5000);
    await settle(30);
    return node.data.slice(from, to);
  };

  /**
   * Arms the tag measurement: the time of the next keydown (a capturing listener on the window, before the
   * editor sees the key) to the frame after a segment marked cm-annotation-selected (the new annotation)
   * appears. The result is left in window.__parleyTag.
   */
  const armTag = () => {
    const content = document.querySelector('.cm-content');
    let start = 0;
    window.addEventListener('keydown', () => { start = performance.now(); }, { capture: true, once: true });
    window.__parleyTag = whenDom(content, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] },
      () => start > 0 && content.querySelector('.cm-annotation-selected'), 'the new annotation', 10000)
      .then(() => frames(2))
      .then((end) => end - start);
  };

  /**
   * Scrolls the article from top to bottom in 'steps' jumps (two frames each, so CodeMirror measures and draws
   * every new viewport) while a PerformanceObserver collects long tasks (over 50 ms) on the main thread.
   */
  const scrollThrough = async (steps) => {
    const scroller = document.querySelector('.cm-scroller');
    scroller.scrollTop = 0;
    await settle(300);
    const tasks = [];
    const observer = new PerformanceObserver((list) => { for (const entry of list.getEntries()) tasks.push(entry.duration); });
    observer.observe({ type: 'longtask' });
    let longestFrame = 0;
    let last = await frames(1);
    const start = last;
    const step = async () => {
      const now = await frames(1);
      longestFrame = Math.max(longestFrame, now - last);
      last = now;
    };
    for (let index = 1; index <= steps; index++) {
      scroller.scrollTop = Math.round(((scroller.scrollHeight - scroller.clientHeight) * index) / steps);
      await step();
      await step();
    }
    // Heights are estimates until lines are measured, so the bottom may move: follow it.
    for (let extra = 0; extra < 50 && scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 2; extra++) {
      scroller.scrollTop = scroller.scrollHeight;
      await step();
      await step();
    }
    const elapsed = last - start;
    await sleep(300);
    for (const entry of observer.takeRecords()) tasks.push(entry.duration);
    observer.disconnect();
    return {
      longestTask: tasks.length ? Math.max(...tasks) : 0,
      over50: tasks.filter((duration) => duration > 50).length,
      longestFrame,
      elapsed,
      bottom: scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2,
      height: scroller.scrollHeight,
      longtaskSupported: PerformanceObserver.supportedEntryTypes.includes('longtask'),
    };
  };

  /** The wall-clock time (ms since the epoch) of the frame after the document list first shows a document. */
  const firstPaint = () => whenDom(document, { childList: true, subtree: true },
    () => document.querySelector('[aria-label="Documents"] li button'), 'the document list', 30000)
    .then(() => frames(2))
    .then(() => performance.timeOrigin + performance.now());

  /** The title of the open document, from the list (the app marks it aria-current). */
  const current = () => {
    const button = document.querySelector('[aria-label="Documents"] button[aria-current="page"] .title');
    return button ? button.textContent.trim() : null;
  };

  /** Scrolls the article to a fraction of its height and lets it draw. */
  const scrollTo = async (fraction) => {
    const scroller = document.querySelector('.cm-scroller');
    scroller.scrollTop = Math.round(scroller.scrollHeight * fraction);
    await settle(200);
    return scroller.scrollTop;
  };

  /** The size of the editor (.cm-editor), to give the baseline's editor the app's. */
  const editorSize = () => {
    const rect = document.querySelector('.cm-editor').getBoundingClientRect();
    return { width: rect.width, height: rect.height };
  };
  const setViewSize = (size) => {
    const view = document.getElementById('view');
    view.style.flex = 'none';
    view.style.width = size.width + 'px';
    view.style.height = size.height + 'px';
  };

  window.__parleyBench = { frames, settle, open, current, scrollTo, editorSize, setViewSize, whenDeselected, selectWords, armTag, scrollThrough };
  if (location.pathname === '/' && !location.search) window.__parleyFirstPaint = firstPaint();
})();
`;
