/**
 * W3C Web Annotation (JSON-LD): an AnnotationCollection whose first page holds every annotation. A target's
 * source is the article's URL when the document has one (where Web Annotation clients and Parley's importer
 * look for it), else the RFC 6920 `ni:` IRI of the exact text (the SHA-256 Parley stores as the content hash).
 * Each target carries a TextPositionSelector and a TextQuoteSelector as alternatives. The label is a tagging
 * body, attributes and actors further bodies, the note a commenting body; a relation is an annotation of its
 * own with the `linking` motivation. The two attributes Parley's W3C importer makes are written back as what
 * they came from: `tags` (further tagging bodies) and `body` (bodies that are links).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Annotation } from '../../../shared/types.ts';
import type { ExportedDocument } from '../../workspace.ts';
import type { ExportFormatModule, FormatContext, FormatSession } from '../format.ts';
import { textIri } from '../../text-iri.ts';
import { DocumentText } from '../text.ts';
import { W3C_BODY_ATTRIBUTE } from '../../import/formats/w3c.ts';
import { actorsById, attributeDefinitions } from './common.ts';

/** The attribute in which Parley's W3C importer keeps the values of several tagging bodies, joined by ", ". */
const W3C_TAGS_ATTRIBUTE = 'tags';

/** An author that is an IRI (as W3C creators often are) stays one. */
const IRI = /^[a-z][a-z0-9+.-]*:\S+$/i;

/**
 * Code points of text before and after the span in a TextQuoteSelector to begin with; doubled until prefix,
 * exact and suffix occur once in the text, as a quote must to select one place.
 */
const QUOTE_CONTEXT = 32;

/** A TextQuoteSelector for code points [start, end) whose prefix + exact + suffix occurs only there. */
function quoteSelector(text: DocumentText, start: number, end: number): object {
  const exact = text.slice(start, end);
  for (let context = QUOTE_CONTEXT; ; context *= 2) {
    const prefix = text.slice(Math.max(0, start - context), start);
    const suffix = text.slice(end, Math.min(text.length, end + context));
    const whole = `${prefix}${exact}${suffix}`;
    const first = text.text.indexOf(whole);
    const atStart = start - context <= 0;
    const atEnd = end + context >= text.length;
    // A prefix that reaches the start of the text (or a suffix its end) still matches elsewhere for Apache
    // Annotator, which does not anchor quotes: only a second occurrence of the whole decides.
    if (text.text.indexOf(whole, first + 1) < 0 || (atStart && atEnd)) return { type: 'TextQuoteSelector', exact, prefix, suffix };
  }
}


/** A stable `urn:uuid:` for one annotation of one text, so that exporting twice gives the same ids. */
function annotationIri(contentHash: string, kind: 'annotation' | 'relation', id: number): string {
  const hash = createHash('sha1').update(`${contentHash}:${kind}:${id}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50; // version 5 (name-based, SHA-1)
  hash[8] = (hash[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = hash.subarray(0, 16).toString('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function annotations(document: ExportedDocument, context: FormatContext): object[] {
  const { document: doc } = document;
  const text = new DocumentText(doc.text);
  const source = doc.url ?? textIri(doc.contentHash);
  const definitions = attributeDefinitions(context.labels);
  const actors = actorsById(document);
  const { losses } = context;

  const target = ([start, end]: [number, number]) => ({
    type: 'SpecificResource',
    source,
    selector: [
      { type: 'TextPositionSelector', start, end },
      quoteSelector(text, start, end),
    ],
  });

  const bodies = (annotation: Annotation & { label: string }) => {
    const result: (object | string)[] = [{ type: 'TextualBody', purpose: 'tagging', value: annotation.label }];
    for (const def of definitions.get(annotation.label.toLowerCase()) ?? []) {
      const value = annotation.attributes[def.name];
      if (value === undefined || value === null) continue;
      if (def.name === W3C_TAGS_ATTRIBUTE && typeof value === 'string') {
        const tags = value.split(', ');
        result.push(...tags.slice(tags[0] === annotation.label ? 1 : 0).map((tag) => ({ type: 'TextualBody', purpose: 'tagging', value: tag })));
      } else if (def.name === W3C_BODY_ATTRIBUTE && typeof value === 'string') {
        result.push(...value.split(' ').filter(Boolean));
      } else if (def.type === 'actor') {
        const actor = typeof value === 'number' ? actors.get(value) : undefined;
        if (!actor) continue;
        result.push({ type: 'TextualBody', purpose: 'identifying', value: `${def.name}: ${actor.name}` });
        if (actor.externalId || actor.aliases.length > 0) {
          losses.add('actor details', 'a Web Annotation body names the actor; its kind, aliases and external id are not written', 1);
        }
      } else {
        result.push({ type: 'TextualBody', purpose: def.type === 'text' || def.type === 'target' ? 'describing' : 'classifying', value: `${def.name}: ${String(value)}` });
      }
    }
    if (annotation.note) result.push({ type: 'TextualBody', purpose: 'commenting', value: annotation.note });
    return result;
  };

  losses.add(
    'suggestion marks',
    'Web Annotation has no standard way to mark an annotation as an unreviewed suggestion; filter by origin to leave suggestions out',
    document.annotations.filter((a) => a.origin === 'suggested').length,
  );
  const items: object[] = document.annotations.map((annotation) => {
    const targets = annotation.fragments.map(target);
    return {
      id: annotationIri(doc.contentHash, 'annotation', annotation.id),
      type: 'Annotation',
      motivation: 'tagging',
      ...(annotation.author ? { creator: IRI.test(annotation.author) ? annotation.author : { type: 'Person', name: annotation.author } } : {}),
      created: annotation.createdAt,
      modified: annotation.updatedAt,
      body: bodies(annotation),
      target: targets.length === 1 ? targets[0] : targets,
    };
  });
  for (const relation of document.relations) {
    items.push({
      id: annotationIri(doc.contentHash, 'relation', relation.id),
      type: 'Annotation',
      motivation: 'linking',
      created: relation.createdAt,
      body: [{ type: 'TextualBody', purpose: 'tagging', value: relation.type }, annotationIri(doc.contentHash, 'annotation', relation.targetId)],
      target: annotationIri(doc.contentHash, 'annotation', relation.sourceId),
    });
  }
  return items;
}

function session(context: FormatContext): FormatSession {
  return {
    openPart(folder, fileName) {
      const file = folder.open(fileName);
      const id = `urn:uuid:${randomUUID()}`;
      let count = 0;
      let opened = false;
      const open = async () => {
        if (opened) return;
        opened = true;
        await file.write(
          `{"@context": "http://www.w3.org/ns/anno.jsonld", "id": ${JSON.stringify(id)}, "type": "AnnotationCollection", "label": "Parley export",\n` +
            ` "first": {"id": ${JSON.stringify(`${id}#page1`)}, "type": "AnnotationPage", "startIndex": 0, "items": [\n`,
        );
      };
      return {
        async write(document) {
          await open();
          const items = annotations(document, context).map((item) => JSON.stringify(item));
          const record = items.join(',\n');
          if (items.length > 0) await file.write(`${count > 0 ? ',\n' : ''}${record}`);
          count += items.length;
          return record;
        },
        async end() {
          await open();
          await file.write(`\n]},\n "total": ${count}}\n`);
          await file.close();
        },
      };
    },
    finish: async () => undefined,
  };
}

export const w3cFormat: ExportFormatModule = {
  name: 'w3c',
  title: 'W3C Web Annotation (JSON-LD)',
  layout: 'file',
  extension: '.jsonld',
  offsets: 'codepoints',
  start: session,
  usage: () => `One JSON-LD document: an \`AnnotationCollection\` whose \`first\` page lists every annotation (W3C Web Annotation
Data Model). Each target's \`source\` is the article's URL, or for a document without one \`ni:///sha-256;…\`, the
RFC 6920 name of the exact text annotated (its SHA-256, which Parley also records as the document's content hash).
Selectors: a \`TextPositionSelector\` (code points, as the model requires) and a \`TextQuoteSelector\` with ${QUOTE_CONTEXT}
characters of prefix and suffix, which find the span again in a copy of the text that differs elsewhere. A
discontinuous span has one target per fragment. Bodies: the label (\`purpose: tagging\`), choice and yes/no
attributes (\`classifying\`, \`"name: value"\`), text attributes (\`describing\`), actors (\`identifying\`,
\`"attribute: Actor name"\`) and the note (\`commenting\`). Relations are \`linking\` annotations whose target is
the source annotation and whose bodies are the relation type and the target annotation.`,
};
