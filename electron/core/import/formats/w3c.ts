/**
 * W3C Web Annotation JSON / JSON-LD (https://www.w3.org/TR/annotation-model/): an Annotation, a list of them,
 * an AnnotationPage or an AnnotationCollection with its first page embedded. A W3C annotation carries no text of
 * its own: it points into a document by URL, so it lands on the workspace document whose URL is the target's
 * `source` (import the article first; a saved page keeps its canonical URL), or, for the `ni:///sha-256;…` IRI
 * that Parley's export gives a document without a URL, on the document with exactly that text.
 *
 * Only text selections can be imported: a TextPositionSelector (code points into the text, as the model says)
 * or a TextQuoteSelector (the exact text, told apart from other occurrences by its prefix and suffix), also when
 * they refine another selector. With both, the quote must be the text at the position; a mismatch is an error
 * quoting both, never a silent shift. Annotations of whole resources, images or CSS/XPath selections are left
 * out with a warning, and a file with nothing else is skipped.
 *
 * The label is the first tagging (or classifying) body's value, else the motivation, else `Annotation`; other
 * textual bodies form the note; bodies that are IRIs are kept in the text attribute `body`; the creator (its
 * name, or its IRI) is the author, and `created`/`modified` are kept.
 */
import type { AttributeValue, Fragment } from '../../../shared/types.ts';
import type { ImportedAnnotation, ImportedDocument } from '../../workspace.ts';
import { decodeText } from '../decode.ts';
import { nameProblem } from '../document.ts';
import { asList, isObject, parseJsonFile, timestamp, textOf } from '../json.ts';
import type { FileParser, ParseContext, ParseResult } from '../parse.ts';
import { ImportFileError, ProblemList, quote } from '../problems.ts';
import { SourceText } from '../source-text.ts';

/** The text attribute that keeps an annotation's bodies that are links rather than text. */
export const W3C_BODY_ATTRIBUTE = 'body';

const DEFAULT_LABEL = 'Annotation';
const TAGGING_PURPOSES = new Set(['tagging', 'classifying']);

interface TextSelection {
  source: string;
  position?: { start: unknown; end: unknown };
  quote?: { exact: string; prefix: string; suffix: string };
}

interface Located {
  documentId: number;
  text: SourceText;
  fragment: Fragment;
}

export const parseW3c: FileParser = async (input, bytes, _options, context) => {
  const { text: raw } = decodeText(bytes);
  const annotations = annotationsIn(parseJsonFile(raw));
  const result: ParseResult = { documents: [], warnings: [], skipped: [], annotatesExisting: true };
  if (annotations.length === 0) {
    result.skipped.push({ where: '', reason: 'it has no annotations (a collection that only links to its pages?)' });
    return result;
  }
  const problems = new ProblemList();
  const documents = new Map<number, ImportedDocument>();
  const texts = new Map<string, { id: number; text: SourceText } | null>();

  for (const [index, annotation] of annotations.entries()) {
    const name = typeof annotation['id'] === 'string' ? annotation['id'] : `annotation ${index + 1}`;
    const targets = asList(annotation['target']);
    const selections = targets.map(textSelectionOf);
    if (targets.length === 0 || selections.some((selection) => typeof selection === 'string')) {
      result.warnings.push({ message: `${name}: ${selections.find((selection) => typeof selection === 'string') ?? 'it has no target'}; left out` });
      continue;
    }
    for (const [targetIndex, selection] of (selections as TextSelection[]).entries()) {
      const located = await locate(selection, texts, context);
      if (typeof located === 'string') {
        problems.add(undefined, `${name}: ${located}`);
        continue;
      }
      const imported = annotationOf(annotation, `${index + 1}.${targetIndex + 1}`, located.fragment);
      if (typeof imported === 'string') {
        problems.add(undefined, `${name}: ${imported}`);
        continue;
      }
      const document = documents.get(located.documentId) ?? existingDocument(located);
      document.annotations.push(imported);
      documents.set(located.documentId, document);
    }
  }
  problems.throwIfAny();
  if (documents.size === 0) {
    result.skipped.push({ where: '', reason: `none of its ${annotations.length} annotation${annotations.length === 1 ? '' : 's'} selects text` });
    result.warnings = [];
    return result;
  }
  result.documents = [...documents.values()];
  return result;
};

/** The annotations of a file: one, a list, a page's items, or the items of a collection's embedded first page. */
function annotationsIn(value: unknown): Record<string, unknown>[] {
  return asList(value).flatMap((item): Record<string, unknown>[] => {
    if (!isObject(item)) throw new ImportFileError('is not W3C Web Annotation JSON: it holds something other than objects');
    const types = asList(item['type']).map(textOf);
    if (types.includes('AnnotationCollection')) return isObject(item['first']) ? annotationsIn(item['first']) : [];
    if (types.includes('AnnotationPage')) return annotationsIn(item['items']);
    if (types.includes('Annotation') || 'target' in item) return [item];
    throw new ImportFileError(`is not W3C Web Annotation JSON: found a ${types.join('/') || 'value'} where an Annotation was expected`);
  });
}

/** The text selection a target makes, or why it is not one. */
function textSelectionOf(target: unknown): TextSelection | string {
  if (typeof target === 'string') return `it targets the whole resource ${target}, not a span of its text`;
  if (!isObject(target)) return 'its target is not an object';
  const source = typeof target['source'] === 'string' ? target['source'] : undefined;
  const selectors = asList(target['selector']).flatMap(withRefinements);
  if (!source || selectors.length === 0) return `it targets ${textOf(target['id'] ?? source ?? 'a resource')} as a whole, not a span of its text`;
  const selection: TextSelection = { source };
  for (const selector of selectors) {
    if (selector['type'] === 'TextPositionSelector') selection.position = { start: selector['start'], end: selector['end'] };
    if (selector['type'] === 'TextQuoteSelector' && typeof selector['exact'] === 'string') {
      selection.quote = { exact: selector['exact'], prefix: textOf(selector['prefix'] ?? ''), suffix: textOf(selector['suffix'] ?? '') };
    }
  }
  if (!selection.position && !selection.quote) {
    const kinds = selectors.map((selector) => textOf(selector['type'] ?? 'an unnamed selector'));
    return `it selects with ${kinds.join(', ')}, not a text position or quote`;
  }
  return selection;
}

/** A selector and the selectors that refine it, outermost first. */
function withRefinements(selector: unknown): Record<string, unknown>[] {
  if (!isObject(selector)) return [];
  return [selector, ...withRefinements(selector['refinedBy'])];
}

/** Finds the selected text in the document the selection's source names, or says why it cannot. */
async function locate(selection: TextSelection, texts: Map<string, { id: number; text: SourceText } | null>, context: ParseContext): Promise<Located | string> {
  if (!texts.has(selection.source)) {
    const [found] = await context.findDocumentsByUrl(selection.source);
    texts.set(selection.source, found ? { id: found.id, text: new SourceText(found.text) } : null);
  }
  const document = texts.get(selection.source);
  if (!document) return `no document in this workspace has the URL ${selection.source}${selection.source.startsWith('ni:') ? ' (the IRI of a text: no document has that exact text)' : ''}; import the article it annotates first`;
  const { text } = document;
  if (selection.position) {
    const mapped = text.range(selection.position.start, selection.position.end, 'codepoints');
    if ('problem' in mapped) return `its TextPositionSelector: ${mapped.problem}`;
    const covered = text.slice(...mapped.fragment);
    if (selection.quote && selection.quote.exact !== covered) {
      return `its TextQuoteSelector says ${quote(selection.quote.exact)}, but characters ${mapped.fragment.join('–')} of the document are ${quote(covered)}`;
    }
    return { documentId: document.id, text, fragment: mapped.fragment };
  }
  const { exact, prefix, suffix } = selection.quote!;
  const matches: number[] = [];
  for (let at = text.text.indexOf(exact); at >= 0 && exact; at = text.text.indexOf(exact, at + 1)) {
    if (text.text.slice(0, at).endsWith(prefix) && text.text.startsWith(suffix, at + exact.length)) matches.push(at);
  }
  if (matches.length !== 1) {
    return matches.length === 0
      ? `its TextQuoteSelector ${quote(exact)} (with its prefix and suffix) is not in the document`
      : `its TextQuoteSelector ${quote(exact)} matches ${matches.length} places in the document; its prefix and suffix do not tell them apart`;
  }
  const start = [...text.text.slice(0, matches[0]!)].length;
  return { documentId: document.id, text, fragment: [start, start + [...exact].length] };
}

function annotationOf(annotation: Record<string, unknown>, key: string, fragment: Fragment): ImportedAnnotation | string {
  const motivation = asList(annotation['motivation']).map(textOf)[0];
  const bodies = [...asList(annotation['body']), ...asList(annotation['bodyValue']).map((value) => ({ type: 'TextualBody', value }))].flatMap((body) =>
    isObject(body) && body['type'] === 'Choice' ? asList(body['items']) : [body],
  );
  const tags: string[] = [];
  const notes: string[] = [];
  const links: string[] = [];
  for (const body of bodies) {
    if (typeof body === 'string') links.push(body);
    else if (isObject(body) && typeof body['value'] === 'string') {
      const purpose = textOf(body['purpose'] ?? motivation ?? '');
      (TAGGING_PURPOSES.has(purpose) ? tags : notes).push(body['value']);
    } else if (isObject(body) && typeof (body['id'] ?? body['source']) === 'string') links.push(textOf(body['id'] ?? body['source']));
  }
  const label = tags[0] ?? motivation ?? DEFAULT_LABEL;
  const labelProblem = nameProblem(label, 'label');
  if (labelProblem) return labelProblem;
  const attributes: Record<string, AttributeValue> = {};
  if (tags.length > 1) attributes['tags'] = tags.join(', ');
  if (links.length > 0) attributes[W3C_BODY_ATTRIBUTE] = links.join(' ');
  const creator = asList(annotation['creator'])[0];
  const author = isObject(creator) ? textOf(creator['name'] ?? creator['nickname'] ?? creator['id'] ?? '') : creator === undefined ? '' : textOf(creator);
  const createdAt = timestamp(annotation['created']);
  const updatedAt = timestamp(annotation['modified']);
  return {
    key,
    label,
    fragments: [fragment],
    ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
    ...(notes.length > 0 ? { note: notes.join('\n\n') } : {}),
    ...(author ? { author } : {}),
    ...(createdAt ? { createdAt } : {}),
    ...(updatedAt ? { updatedAt } : {}),
  };
}

/** The document a file's annotations of an existing workspace document are stored onto. */
function existingDocument(located: Located): ImportedDocument {
  return {
    document: { title: 'annotated document', text: located.text.text },
    normalisation: located.text.normalisation,
    annotations: [],
    relations: [],
    existingDocumentId: located.documentId,
  };
}
