/**
 * PDF files: the text layer as pdf.js reads it, rebuilt into lines and paragraphs from the positions of the
 * text runs (a new line where the baseline moves, a new paragraph where the gap between lines is clearly larger
 * than a line's height, and at each page). Title, author and dates come from the document information
 * dictionary. A PDF without a text layer (a scan) is refused with a message that says so.
 */
import { fileTitle, importedDocument, PARAGRAPH_BREAK, shortTitle, titleFromText } from '../document.ts';
import { isObject } from '../json.ts';
import { detectLanguage } from '../language.ts';
import { checkpoint, type FileParser } from '../parse.ts';
import { MAX_IMPORT_FILE_BYTES, MAX_PDF_PAGES } from '../limits.ts';
import { checkPdfStreams } from '../pdf-streams.ts';
import { ImportFileError } from '../problems.ts';
import { SourceText } from '../source-text.ts';

/** A gap between baselines larger than this many line heights starts a new paragraph. */
const PARAGRAPH_GAP = 1.5;

interface TextRun {
  str: string;
  hasEOL: boolean;
  transform: number[];
  height: number;
}

interface Line {
  text: string;
  y: number;
  height: number;
}

export const parsePdf: FileParser = async (input, bytes, options) => {
  checkPdfStreams(bytes);
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let pdf: Awaited<ReturnType<typeof pdfjs.getDocument>['promise']>;
  try {
    // pdf.js takes ownership of the buffer it is given, hence the copy; no font is loaded and nothing is evaluated.
    pdf = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 })
      .promise;
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'PasswordException') throw new ImportFileError('is password-protected; remove the password and import it again');
    throw new ImportFileError(`is not a readable PDF: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    if (pdf.numPages > MAX_PDF_PAGES) {
      throw new ImportFileError(`has ${pdf.numPages.toLocaleString('en')} pages; Parley reads PDFs of up to ${MAX_PDF_PAGES.toLocaleString('en')} pages: split it into smaller files`);
    }
    const pages: string[] = [];
    let characters = 0;
    for (let number = 1; number <= pdf.numPages; number++) {
      await checkpoint(options.signal);
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      const runs = content.items.filter((item): item is TextRun & typeof item => 'str' in item);
      const text = paragraphs(lines(runs));
      if (text) pages.push(text);
      page.cleanup();
      characters += text.length;
      if (characters > MAX_IMPORT_FILE_BYTES) {
        throw new ImportFileError(`holds more than ${MAX_IMPORT_FILE_BYTES / 1024 / 1024} MiB of text (by page ${number.toLocaleString('en')}), more than Parley keeps of one document: split it into smaller files`);
      }
    }
    if (pages.length === 0) {
      throw new ImportFileError(
        `has no text layer: its ${pdf.numPages} page${pdf.numPages === 1 ? ' is an image' : 's are images'} (a scan?); run it through OCR and import the result`,
      );
    }
    const source = new SourceText(pages.join(PARAGRAPH_BREAK));
    const documentInfo: unknown = (await pdf.getMetadata()).info;
    const info = isObject(documentInfo) ? documentInfo : {};
    const field = (key: string) => (typeof info[key] === 'string' && (info[key] as string).trim()) || null;
    const metadata: Record<string, unknown> = { pages: pdf.numPages };
    for (const [key, name] of [['ModDate', 'modified'], ['Subject', 'subject'], ['Keywords', 'keywords'], ['Producer', 'producer']] as const) {
      const value = key === 'ModDate' ? pdfDate(field(key)) : field(key);
      if (value) metadata[name] = value;
    }
    const title = field('Title');
    const document = importedDocument(
      source,
      { file: input.storedName, format: 'pdf' },
      {
        fields: {
          title: title ? shortTitle(title) : titleFromText(source.text, fileTitle(input.name)),
          author: field('Author'),
          publishedAt: pdfDate(field('CreationDate')),
          language: field('Language') ?? (await detectLanguage(source.text)),
        },
        metadata,
      },
    );
    return { documents: [document], warnings: [], skipped: [] };
  } finally {
    await pdf.destroy();
  }
};

/** Groups text runs into lines: a run ends its line when it says so, or when the next run sits on another baseline. */
function lines(runs: TextRun[]): Line[] {
  const result: Line[] = [];
  let current: Line | null = null;
  for (const run of runs) {
    const y = run.transform[5] ?? 0;
    const height = run.height || Math.abs(run.transform[3] ?? 0);
    if (current && Math.abs(current.y - y) > Math.max(current.height, height) / 2) {
      result.push(current);
      current = null;
    }
    current ??= { text: '', y, height };
    current.text += run.str;
    current.height = Math.max(current.height, height);
    if (run.hasEOL) {
      result.push(current);
      current = null;
    }
  }
  if (current) result.push(current);
  return result.map((line) => ({ ...line, text: line.text.trim() })).filter((line) => line.text);
}

/**
 * Joins lines into paragraphs. Lines of a paragraph are joined by a space, except after a hyphen, where the word
 * may go on: "compro-" and "mise" become "compro-mise", keeping every character and inventing none.
 */
function paragraphs(pageLines: Line[]): string {
  let text = '';
  pageLines.forEach((line, index) => {
    const previous = pageLines[index - 1];
    if (!previous) text = line.text;
    else if (previous.y - line.y > PARAGRAPH_GAP * previous.height || line.y > previous.y) text += `${PARAGRAPH_BREAK}${line.text}`;
    else text += (previous.text.endsWith('-') ? '' : ' ') + line.text;
  });
  return text;
}

/** A PDF date ("D:20251120093000+01'00'") as ISO 8601, or null when it is missing or malformed. */
function pdfDate(value: string | null): string | null {
  const match = value ? /^(?:D:)?(\d{4,14})/.exec(value) : null;
  if (!match || match[1]!.length % 2 !== 0) return null;
  // Missing parts default to January 1st, midnight, as the PDF specification says.
  const digits = match[1]! + '0101000000'.slice(match[1]!.length - 4);
  const [year, month, day, hour, minute, second] = [0, 4, 6, 8, 10, 12].map((at) => digits.slice(at, at === 0 ? 4 : at + 2));
  const rest = value!.slice(match[0].length);
  const zone = rest.startsWith('Z') ? 'Z' : /^[+-]\d\d'?\d\d/.test(rest) ? `${rest.slice(0, 3)}:${rest.replace("'", '').slice(3, 5)}` : '';
  return `${year}-${month}-${day}T${hour}:${minute}:${second}${zone}`;
}
