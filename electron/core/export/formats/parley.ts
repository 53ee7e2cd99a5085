/**
 * Parley's own JSONL: one document per line with everything the workspace holds about it, so that importing
 * the file (`import/formats/parley.ts`) gives back the same documents, annotations, relations and actors.
 */
import type { Fragment } from '../../../shared/types.ts';
import type { ExportedDocument } from '../../workspace.ts';
import type { ExportFormatModule, FormatContext, FormatSession } from '../format.ts';
import { DocumentText } from '../text.ts';
import { jsonLineWithText } from './json.ts';

/** The version of the record layout; a reader refuses versions it does not know. */
const PARLEY_JSONL_VERSION = 1;

/**
 * The line of one document: the members before its text, the text itself (straight from the store's UTF-8
 * bytes), and the members after it, in the order of the record layout.
 */
function line(document: ExportedDocument, context: FormatContext): [string, Uint8Array, string] {
  const { document: doc } = document;
  // Code point offsets are the stored ones: the fragments are written as they are, and the text is never decoded.
  let fragments = (list: Fragment[]) => list;
  if (context.offsets === 'utf16') {
    const text = new DocumentText(doc.text);
    fragments = (list) => list.map((fragment): Fragment => [text.offset(fragment[0], 'utf16'), text.offset(fragment[1], 'utf16')]);
  }
  const usedLabels = new Set(document.annotations.map((annotation) => annotation.labelId));
  const before = { parley: PARLEY_JSONL_VERSION, offsets: context.offsets, id: doc.id, title: doc.title };
  const after = {
    status: doc.status,
    source: doc.source,
    url: doc.url,
    author: doc.author,
    publishedAt: doc.publishedAt,
    language: doc.language,
    metadata: doc.metadata,
    normalisation: doc.normalisation,
    isSample: doc.isSample,
    contentHash: doc.contentHash,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    annotations: document.annotations.map((annotation) => ({
      id: annotation.id,
      label: annotation.label,
      fragments: fragments(annotation.fragments),
      text: annotation.text,
      attributes: annotation.attributes,
      note: annotation.note,
      author: annotation.author,
      origin: annotation.origin,
      createdAt: annotation.createdAt,
      updatedAt: annotation.updatedAt,
    })),
    relations: document.relations.map((relation) => ({
      id: relation.id,
      type: relation.type,
      source: relation.sourceId,
      target: relation.targetId,
      createdAt: relation.createdAt,
    })),
    actors: document.actors.map((actor) => ({
      id: actor.id,
      name: actor.name,
      kind: actor.kind,
      aliases: actor.aliases,
      externalId: actor.externalId,
      description: actor.description,
    })),
    schema: context.labels
      .filter((label) => usedLabels.has(label.id))
      .map((label) => ({ label: label.name, attributes: label.attributes })),
  };
  return jsonLineWithText(before, document.textBytes, after);
}

function session(context: FormatContext): FormatSession {
  return {
    openPart(folder, fileName) {
      const file = folder.open(fileName);
      return {
        async write(document) {
          const pieces = line(document, context);
          await file.write(pieces[0]);
          await file.writeBytes(pieces[1]);
          await file.write(pieces[2]);
          return pieces;
        },
        end: () => file.close(),
      };
    },
    finish: async () => undefined,
  };
}

export const parleyFormat: ExportFormatModule = {
  name: 'parley',
  title: 'Parley JSONL',
  layout: 'file',
  extension: '.jsonl',
  offsets: 'any',
  start: session,
  usage: () => `One JSON object per line, one line per document, with the document's text and metadata, all its
annotations (label, fragments, text, attributes, note, author, origin, timestamps), the relations between them,
the actors that actor-typed attributes refer to (by actor id), the name of the target of each target-typed attribute,
and the attribute definitions of the labels used.
\`parley import\` reads the file back into a workspace. In Python: \`[json.loads(line) for line in open(path, encoding="utf-8")]\`.`,
};
