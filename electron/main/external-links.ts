/**
 * Links out of the app: only web addresses (http, https) ever leave it, to the system's browser, and only after
 * the analyst saw the whole address and said yes. A document's text comes from the open web; a link in it, or a
 * page that tries to navigate, must not open files, custom protocol handlers or other programs.
 */
export function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** The question asked before a web address is opened (Electron's showMessageBox options); Cancel is the default. */
export function openLinkQuestion(url: string) {
  return {
    type: 'question' as const,
    buttons: ['Open in Browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    message: 'Open this address in your web browser?',
    detail: url,
    noLink: true,
  };
}
