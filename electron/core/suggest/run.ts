/**
 * Runs suggesters over a workspace's documents through the backend's API (so any host can): each document's
 * text and annotations, the actor registry and the corpus's tagged texts make the input; suggestions that repeat
 * an annotation of the same label and span are left out, and so are those under the confidence threshold.
 */
import type { Backend } from '../backend.ts';
import { ParleyError } from '../errors.ts';
import { OffsetIndex } from '../../shared/offsets.ts';
import { unpackAnnotations } from '../../shared/packed-annotations.ts';
import type { Actor, DocumentSummary, Label, OpenDocument } from '../../shared/types.ts';
import type { SuggestInput, Suggester, Suggestion } from './suggester.ts';

export interface DocumentSuggestions {
  document: number;
  title: string;
  suggestions: (Suggestion & { suggester: string })[];
}

export interface RunOptions {
  documentIds?: number[];
  /** Labels suggestions are wanted for; default every label of the workspace. */
  labels?: string[];
  /** Suggestions below this confidence are dropped (0..1). */
  threshold?: number;
  signal?: AbortSignal;
  onDocument?: (done: number, total: number) => void;
}

export async function runSuggesters(backend: Backend, suggesters: readonly Suggester[], options: RunOptions = {}): Promise<DocumentSuggestions[]> {
  const labels = (await backend.dispatch('listLabels', {})) as Label[];
  const labelName = new Map(labels.map((label) => [label.id, label.name]));
  const actors = (await backend.dispatch('listActors', {})) as Actor[];
  const all = (await backend.dispatch('listDocuments', {})) as DocumentSummary[];
  for (const id of options.documentIds ?? []) if (!all.some((document) => document.id === id)) throw new ParleyError('not_found', `No document ${id} in the workspace`);
  const documents = options.documentIds ? all.filter((document) => options.documentIds!.includes(document.id)) : all;
  const opened: { summary: Pick<DocumentSummary, 'id' | 'title'>; text: string; annotated: SuggestInput['annotated'] }[] = [];
  const tagged = new Map<string, { label: string; text: string }>();
  // Every document's annotations feed string matching, also when only some documents are suggested for.
  for (const document of all) {
    const open = (await backend.dispatch('openDocument', { id: document.id })) as OpenDocument;
    const annotations = unpackAnnotations(open.annotations, open.document.text, new OffsetIndex(open.document.text));
    for (const annotation of annotations) {
      const label = labelName.get(annotation.labelId)!;
      tagged.set(`${label}\u0000${annotation.text}`, { label, text: annotation.text });
    }
    if (documents.some((wanted) => wanted.id === document.id)) {
      opened.push({
        summary: document,
        text: open.document.text,
        annotated: annotations.map((annotation) => ({ label: labelName.get(annotation.labelId)!, start: annotation.fragments[0]![0], end: annotation.fragments.at(-1)![1] })),
      });
    }
  }
  const wantedLabels = options.labels ?? labels.map((label) => label.name);
  const threshold = options.threshold ?? 0;
  const results: DocumentSuggestions[] = [];
  for (const [done, document] of opened.entries()) {
    options.signal?.throwIfAborted();
    const input: SuggestInput = { documentId: document.summary.id, text: document.text, labels: wantedLabels, actors, tagged: [...tagged.values()], annotated: document.annotated };
    const suggestions: DocumentSuggestions['suggestions'] = [];
    for (const suggester of suggesters) {
      for (const suggestion of await suggester.suggest(input, options.signal)) {
        if (!wantedLabels.includes(suggestion.label) || suggestion.confidence < threshold) continue;
        if (document.annotated.some((annotation) => annotation.label === suggestion.label && annotation.start === suggestion.start && annotation.end === suggestion.end)) continue;
        suggestions.push({ ...suggestion, suggester: suggester.name });
      }
    }
    suggestions.sort((a, b) => a.start - b.start || a.end - b.end);
    results.push({ document: document.summary.id, title: document.summary.title, suggestions });
    options.onDocument?.(done + 1, opened.length);
  }
  return results;
}
