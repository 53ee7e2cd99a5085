/** Plain text and Markdown files: one document each, the text verbatim (after BOM and line-break normalisation). */
import { decodeText } from '../decode.ts';
import { fileTitle, importedDocument, titleFromText } from '../document.ts';
import { detectLanguage } from '../language.ts';
import type { FileParser } from '../parse.ts';
import { SourceText } from '../source-text.ts';

const MARKDOWN = /\.(md|markdown)$/i;

export const parseText: FileParser = async (input, bytes) => {
  const { text: raw, encoding } = decodeText(bytes);
  const source = new SourceText(raw);
  const fallback = fileTitle(input.name);
  // A Markdown heading's title is its words, not the `#` that marks it.
  const firstLine = MARKDOWN.test(input.name) ? source.text.replace(/^\s*#{1,6}[ \t]+/, '') : source.text;
  const document = importedDocument(source, { file: input.storedName, format: 'text', encoding }, {
    fields: { title: titleFromText(firstLine, fallback), language: await detectLanguage(source.text) },
  });
  return { documents: [document], warnings: [], skipped: [] };
};
