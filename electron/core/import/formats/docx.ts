/**
 * Word documents (.docx): the text as mammoth reads it, one paragraph per paragraph, and the title, author and
 * dates of the document's core properties (docProps/core.xml), which mammoth does not read.
 */
import { unzipSync } from 'fflate';
import { fileTitle, importedDocument, PARAGRAPH_BREAK, shortTitle, titleFromText } from '../document.ts';
import { detectLanguage } from '../language.ts';
import type { FileParser } from '../parse.ts';
import { ImportFileError } from '../problems.ts';
import { SourceText } from '../source-text.ts';
import { checkInflatedSize } from '../zip.ts';

const CORE_PROPERTIES = 'docProps/core.xml';

export const parseDocx: FileParser = async (input, bytes) => {
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new ImportFileError('is not a Word document: a .docx file is a zip archive, and this one is not (an old .doc? save it as .docx)');
  }
  checkInflatedSize(bytes, 'Word document');
  const mammoth = (await import('mammoth')).default;
  let raw: string;
  try {
    raw = (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;
  } catch {
    // mammoth's errors are its own internals ("Cannot read properties of null"), which say nothing to a user.
    throw new ImportFileError('is not a readable Word document: its text part is missing or damaged (does Word open it?)');
  }
  // mammoth ends every paragraph with a blank line, empty paragraphs included: each run of line breaks is one
  // paragraph break.
  const source = new SourceText(raw.replace(/\n+/g, PARAGRAPH_BREAK).trim());
  if (!source.text) throw new ImportFileError('has no text (only images, or nothing at all)');
  const properties = await coreProperties(bytes);
  const metadata: Record<string, unknown> = {};
  if (properties.modified) metadata['modified'] = properties.modified;
  if (properties.lastModifiedBy) metadata['lastModifiedBy'] = properties.lastModifiedBy;
  const document = importedDocument(
    source,
    { file: input.storedName, format: 'docx' },
    {
      fields: {
        title: properties.title ? shortTitle(properties.title) : titleFromText(source.text, fileTitle(input.name)),
        author: properties.creator,
        publishedAt: properties.created,
        language: properties.language ?? (await detectLanguage(source.text)),
      },
      metadata,
    },
  );
  return { documents: [document], warnings: [], skipped: [] };
};

interface CoreProperties {
  title: string | null;
  creator: string | null;
  created: string | null;
  modified: string | null;
  lastModifiedBy: string | null;
  language: string | null;
}

/** The Dublin Core properties Word keeps in docProps/core.xml; all null when the part is missing or unreadable. */
async function coreProperties(bytes: Uint8Array): Promise<CoreProperties> {
  const none: CoreProperties = { title: null, creator: null, created: null, modified: null, lastModifiedBy: null, language: null };
  let xml: Uint8Array | undefined;
  try {
    xml = unzipSync(bytes, { filter: (file) => file.name === CORE_PROPERTIES })[CORE_PROPERTIES];
  } catch {
    return none;
  }
  if (!xml) return none;
  const { DOMParser } = await import('linkedom');
  const properties = new DOMParser().parseFromString(new TextDecoder().decode(xml), 'text/xml') as unknown as {
    getElementsByTagName(name: string): ArrayLike<{ textContent: string | null }>;
  };
  const value = (name: string) => properties.getElementsByTagName(name)[0]?.textContent?.trim() || null;
  return {
    title: value('dc:title'),
    creator: value('dc:creator'),
    created: value('dcterms:created'),
    modified: value('dcterms:modified'),
    lastModifiedBy: value('cp:lastModifiedBy'),
    language: value('dc:language'),
  };
}
