/**
 * Timing code that runs inside the benchmarked page (installed with `page.addInitScript`), so that what is
 * measured is the page's own work between a trigger and a painted frame, never Playwright's round trips.
 *
 * It is plain JavaScript in a string on purpose: tsx compiles the bench with esbuild's keepNames, which wraps
 * functions in a `__name()` helper that does not exist in the page, so functions cannot be handed to
 * `page.evaluate` as they are written here.
 *
 * "Painted" means: once the DOM the figure waits for exists, the next frame has run its rendering steps (style,
 * layout, paint) on the main thread: a requestAnimationFrame callback posts a message, which is delivered after
 * that frame's paint (the usual rAF + MessageChannel technique). Waiting for a second requestAnimationFrame
 * instead would add an idle frame to every figure (up to 16.7 ms at 60 Hz, more than the whole budget of the
 * tag figure); that later time is reported too, as `frameAfter`.
 */
export const PAGE_PROBES = String.raw`
(() => {
  const frames = (count) => new Promise((resolve) => {
    const step = (left) => (left === 0 ? resolve(performance.now()) : requestAnimationFrame(() => step(left - 1)));
    step(count);
  });
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  /** The time the next frame's paint is done, and the start of the frame after it. */
  const paintDone = () => new Promise((resolve) => {
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        const done = performance.now();
        requestAnimationFrame(() => resolve({ done, frameAfter: performance.now() }));
      };
      channel.port2.postMessage(0);
    });
  });
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
   * the end of the frame that paints a new .cm-content holding 'painted' (a selector), and the openDocument
   * call's share of them.
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
    performance.clearResourceTimings();
    start = performance.now();
    button.click();
    await shown;
    const end = await paintDone();
    return { ms: end.done - start, frameAfter: end.frameAfter - start, api: apiTime('openDocument') };
  };

  /** How long the last call of an API method took, request to last byte (server, transfer), from Resource Timing. */
  const apiTime = (method) => {
    const entries = performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('/api/' + method));
    const last = entries[entries.length - 1];
    return last ? last.responseEnd - last.startTime : null;
  };

  /**
   * Selects a few words of a line on screen through the DOM selection (CodeMirror reads it on selectionchange,
   * as it does a mouse or keyboard selection) and waits until the editor draws it.
   */
  const selectWords = async (pick) => {
    const content = document.querySelector('.cm-content');
    const scroller = document.querySelector('.cm-scroller');
    content.focus({ preventScroll: true });
    // A point on screen (a different one each run), then the text 12 to 40 characters on from it.
    const box = content.getBoundingClientRect();
    const view = scroller.getBoundingClientRect();
    let caret = null;
    for (let attempt = 0; attempt < 40 && !caret; attempt++) {
      const at = (pick + attempt * 0.137) % 1;
      const x = box.left + 45 + ((at * 7919) % 1) * 160;
      const y = view.top + 40 + at * (view.height - 120);
      const found = document.caretRangeFromPoint(x, y);
      if (found && found.startContainer.nodeType === Node.TEXT_NODE && content.contains(found.startContainer)) caret = found;
    }
    if (!caret) throw new Error('no text on screen to select (scrollTop ' + scroller.scrollTop + ')');
    const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
    walker.currentNode = caret.startContainer;
    let node = caret.startContainer;
    let offset = caret.startOffset;
    let left = 12 + Math.floor(pick * 28);
    while (left > node.data.length - offset) {
      left -= node.data.length - offset;
      const next = walker.nextNode();
      if (!next) break;
      node = next;
      offset = 0;
    }
    offset = Math.min(node.data.length, offset + left);
    document.getSelection().setBaseAndExtent(caret.startContainer, caret.startOffset, node, offset);
    await whenDom(scroller, { childList: true, subtree: true, attributes: true }, () => document.querySelector('.cm-selectionBackground'), 'the drawn selection', 5000);
    await settle(30);
    return document.getSelection().toString();
  };

  /**
   * Arms the tag measurement: the time of the next keydown (a capturing listener on the window, before the
   * editor sees the key) to the end of the frame that paints the new annotation selected: a segment with the class
   * cm-annotation-selected carrying an id that no segment carried before. The app paints a new tag at once under
   * a provisional (negative) id and swaps in the stored one when the store answers; 'stored' is the time to the
   * end of the frame that paints the stored id (the store hands out increasing ids, so: above every id before).
   * The result is left in window.__parleyTag.
   */
  const armTag = () => {
    const content = document.querySelector('.cm-content');
    const painted = new Set();
    let highest = 0;
    for (const segment of content.querySelectorAll('[data-annotation-ids]')) {
      for (const id of segment.dataset.annotationIds.split(' ')) {
        painted.add(id);
        highest = Math.max(highest, Number(id));
      }
    }
    const selectedIds = () => [...content.querySelectorAll('.cm-annotation-selected')].flatMap((segment) => segment.dataset.annotationIds.split(' '));
    const watched = { childList: true, subtree: true, attributes: true, attributeFilter: ['class', 'data-annotation-ids'] };
    let start = 0;
    performance.clearResourceTimings();
    window.addEventListener('keydown', () => { start = performance.now(); }, { capture: true, once: true });
    const shown = whenDom(content, watched, () => start > 0 && selectedIds().some((id) => !painted.has(id)), 'the new annotation', 10000).then(() => paintDone());
    const stored = shown
      .then(() => whenDom(content, watched, () => selectedIds().some((id) => Number(id) > highest), 'the stored annotation', 10000))
      .then(() => paintDone());
    window.__parleyTag = Promise.all([shown, stored]).then(([end, storedEnd]) => ({
      ms: end.done - start,
      frameAfter: end.frameAfter - start,
      stored: storedEnd.done - start,
      api: apiTime('edit'),
    }));
  };

  /**
   * Scrolls the article from the top (where it must be) to the bottom while a PerformanceObserver collects long
   * tasks (over 50 ms) on the main thread. 'pages': one viewport height per frame, as reading or holding Page Down
   * does. 'jumps': 'steps' jumps of 1/steps of the height, two frames each, as dragging the scroll bar does —
   * every jump lands in text not drawn before, which CodeMirror must draw from scratch.
   */
  const scrollThrough = async (mode, steps) => {
    const scroller = document.querySelector('.cm-scroller');
    if (scroller.scrollTop > 0) throw new Error('scroll to the top first (scrollTo(0))');
    const tasks = [];
    const observer = new PerformanceObserver((list) => { for (const entry of list.getEntries()) tasks.push(entry.duration); });
    observer.observe({ type: 'longtask' });
    let longestFrame = 0;
    let count = 0;
    let last = await frames(1);
    const start = last;
    const step = async () => {
      const now = await frames(1);
      longestFrame = Math.max(longestFrame, now - last);
      last = now;
    };
    const atBottom = () => scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2;
    if (mode === 'pages') {
      for (; !atBottom() && count < 100000; count++) {
        scroller.scrollTop += scroller.clientHeight;
        await step();
      }
    } else {
      for (let index = 1; index <= steps; index++, count++) {
        scroller.scrollTop = Math.round(((scroller.scrollHeight - scroller.clientHeight) * index) / steps);
        await step();
        await step();
      }
    }
    // Heights are estimates until lines are measured, so the bottom may move: follow it.
    for (let extra = 0; extra < 50 && !atBottom(); extra++, count++) {
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
      steps: count,
      bottom: atBottom(),
      height: scroller.scrollHeight,
      longtaskSupported: PerformanceObserver.supportedEntryTypes.includes('longtask'),
    };
  };

  /** The wall-clock time (ms since the epoch) when the frame that first paints a document in the list is done. */
  const firstPaint = () => whenDom(document, { childList: true, subtree: true },
    () => document.querySelector('[aria-label="Documents"] li button'), 'the document list', 30000)
    .then(() => paintDone())
    .then((end) => performance.timeOrigin + end.done);

  /**
   * Navigation start (performance.now() is 0 there) to the first element matching 'selector' inside the
   * article's visible box, plus two frames: issue 12's reading of "painted" for a cold open.
   */
  const coldPaint = (selector) => whenDom(document, { childList: true, subtree: true }, () => {
    const scroller = document.querySelector('.cm-scroller');
    if (!scroller) return false;
    const view = scroller.getBoundingClientRect();
    return [...document.querySelectorAll(selector)].some((element) => {
      const box = element.getBoundingClientRect();
      return box.bottom > view.top && box.top < view.bottom && box.width > 0;
    });
  }, selector + ' in the viewport', 60000).then(() => frames(2));

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
    // A long jump used to leave an empty gap on screen (see renderer/src/lib/editor/estimates.ts): fail loudly.
    if (!linesOnScreen()) throw new Error('no text on screen after scrolling to ' + fraction + ' of the article');
    return scroller.scrollTop;
  };

  /** Whether drawn lines (not a height gap) cover the middle of the article's viewport. */
  const linesOnScreen = () => {
    const view = document.querySelector('.cm-scroller').getBoundingClientRect();
    const middle = view.top + view.height / 2;
    return [...document.querySelector('.cm-content').children].some((line) => {
      const rect = line.getBoundingClientRect();
      return line.classList.contains('cm-line') && rect.top <= middle && rect.bottom >= middle;
    });
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

  // paintDone and whenDom are there for other suites' probes too (table-bench.ts).
  window.__parleyBench = { settle, open, current, scrollTo, editorSize, setViewSize, selectWords, armTag, scrollThrough, paintDone, whenDom };
  if (location.pathname === '/' && !location.search) window.__parleyFirstPaint = firstPaint();
  // A cold open (renderer-bench.ts coldFigures): '?cold=annotations' in the app, '?cold=lines' in plain CodeMirror.
  const cold = new URLSearchParams(location.search).get('cold');
  if (cold) window.__parleyCold = coldPaint(cold === 'lines' ? '.cm-content .cm-line' : '.cm-content [data-annotation-ids]');
})();
`;
