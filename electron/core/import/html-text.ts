/**
 * The text of an HTML (or DOCX-converted) DOM as a reader sees it: block elements become paragraphs, one line
 * break between two (PARAGRAPH_BREAK, the convention of every structured import), `<br>` a line break, runs of
 * HTML white space one space, `<pre>` verbatim. Elements that are never text (scripts, styles, frames, forms,
 * media) are skipped with everything inside them. Works on any DOM with the standard node properties
 * (linkedom's here), so no browser is needed.
 */

import { PARAGRAPH_BREAK } from './document.ts';

/** The part of the DOM Node interface this module reads; linkedom's nodes have it. */
export interface DomNode {
  nodeType: number;
  nodeName: string;
  childNodes: ArrayLike<DomNode>;
  textContent: string | null;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** Elements that hold no readable text, or whose text must never reach a document (scripts, styles). */
export const NON_TEXT_ELEMENTS: ReadonlySet<string> = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'FRAME', 'FRAMESET', 'OBJECT', 'EMBED', 'APPLET', 'SVG', 'MATH',
  'CANVAS', 'AUDIO', 'VIDEO', 'SOURCE', 'TRACK', 'MAP', 'HEAD', 'TITLE', 'META', 'LINK', 'BASE', 'BUTTON', 'SELECT',
  'OPTION', 'TEXTAREA', 'INPUT', 'DIALOG',
]);

const BLOCK_ELEMENTS: ReadonlySet<string> = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'CAPTION', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET',
  'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HGROUP', 'HR', 'LI', 'MAIN',
  'NAV', 'OL', 'P', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TFOOT', 'THEAD', 'TR', 'UL',
]);

const CELL_ELEMENTS: ReadonlySet<string> = new Set(['TD', 'TH']);

/** HTML's white space (not NO-BREAK SPACE and its kin, which are characters of the text). */
const HTML_WHITE_SPACE = /[ \t\n\r\f]+/g;

export function domText(root: DomNode): string {
  const paragraphs: string[] = [];
  let line = '';

  const endParagraph = () => {
    const paragraph = line
      .replace(/ {2,}/g, ' ')
      .split('\n')
      .map((part) => part.trim())
      .join('\n')
      .trim();
    if (paragraph) paragraphs.push(paragraph);
    line = '';
  };

  // An explicit stack, not recursion: a page of 100,000 unclosed inline elements nests that deep. Each element's
  // `childNodes` is read once, since linkedom builds that list anew on every access.
  const stack: { node: DomNode; endsBlock: boolean }[] = [{ node: root, endsBlock: false }];
  while (stack.length > 0) {
    const { node, endsBlock } = stack.pop()!;
    if (endsBlock) {
      endParagraph();
      continue;
    }
    if (node.nodeType === TEXT_NODE) {
      line += (node.textContent ?? '').replace(HTML_WHITE_SPACE, ' ');
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue;
    const name = node.nodeName.toUpperCase();
    if (NON_TEXT_ELEMENTS.has(name)) continue;
    if (name === 'BR') {
      line += '\n';
      continue;
    }
    if (name === 'PRE') {
      endParagraph();
      const verbatim = (node.textContent ?? '').replace(/^\n/, '').trimEnd();
      if (verbatim) paragraphs.push(verbatim);
      continue;
    }
    const block = BLOCK_ELEMENTS.has(name);
    if (block) endParagraph();
    if (CELL_ELEMENTS.has(name) && line.trim()) line += ' ';
    if (block) stack.push({ node, endsBlock: true });
    const children = Array.from(node.childNodes);
    for (let index = children.length - 1; index >= 0; index--) stack.push({ node: children[index]!, endsBlock: false });
  }
  endParagraph();
  return paragraphs.join(PARAGRAPH_BREAK);
}
