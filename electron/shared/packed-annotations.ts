/**
 * The transfer encoding of a document's annotations (`PackedAnnotations`, see types.ts). Opening a long document
 * sends every annotation; as objects with named fields they cost more to build, serialise and parse than the
 * document's text itself, so `openDocument` sends flat numbers instead, and what can be derived (the covered
 * text, the document id) or is only shown for one annotation at a time (note, author, origin, times) is left out.
 */
import type { AnnotationSummary, AttributeValue, Fragment, PackedAnnotations } from './types.ts';
import type { OffsetIndex } from './offsets.ts';

/** Attributes of the annotations that have none: one shared object, frozen so no one can add to all of them. */
const NO_ATTRIBUTES: Record<string, AttributeValue> = Object.freeze({});

/**
 * A document's annotation as painting needs it: its id, its label's, its first start and last end, its fragments
 * only when there are several (otherwise the one is [start, end]), its attributes only when it has any. A flat
 * tuple, because a long document has tens of thousands and a store can fill these from a row as it is.
 */
export type PaintedAnnotation = [id: number, labelId: number, start: number, end: number, fragments: Fragment[] | null, attributes: Record<string, AttributeValue> | null];

/** Packs annotations (already in reading order) for transfer. O(n) in the fragments. */
export function packAnnotations(annotations: Iterable<PaintedAnnotation>): PackedAnnotations {
  const spans: number[] = [];
  const attributes: PackedAnnotations['attributes'] = [];
  for (const [id, labelId, start, end, fragments, values] of annotations) {
    if (fragments === null) spans.push(id, labelId, 1, start, end);
    else {
      spans.push(id, labelId, fragments.length);
      for (const [fragmentStart, fragmentEnd] of fragments) spans.push(fragmentStart, fragmentEnd);
    }
    if (values !== null && hasAnyAttribute(values)) attributes.push([id, values]);
  }
  return { spans, attributes };
}

/** Whether `values` holds any attribute, without building the list of its keys. */
export function hasAnyAttribute(values: Record<string, AttributeValue>): boolean {
  for (const _ in values) return true;
  return false;
}

/**
 * Unpacks annotations, in the order they were packed, taking each one's covered text from the document's `text`
 * (whose offset index is `index`): the fragments joined by a single space, as the store records it.
 */
export function unpackAnnotations(packed: PackedAnnotations, text: string, index: OffsetIndex): AnnotationSummary[] {
  const attributes = new Map(packed.attributes);
  const spans = packed.spans;
  const annotations: AnnotationSummary[] = [];
  let at = 0;
  while (at < spans.length) {
    const id = spans[at]!;
    const labelId = spans[at + 1]!;
    const count = spans[at + 2]!;
    at += 3;
    const fragments: Fragment[] = [];
    let covered = '';
    for (let fragment = 0; fragment < count; fragment++, at += 2) {
      const start = spans[at]!;
      const end = spans[at + 1]!;
      fragments.push([start, end]);
      const piece = text.slice(index.toUtf16(start), index.toUtf16(end));
      covered = fragment === 0 ? piece : `${covered} ${piece}`;
    }
    annotations.push({ id, labelId, fragments, text: covered, attributes: attributes.get(id) ?? NO_ATTRIBUTES });
  }
  return annotations;
}
