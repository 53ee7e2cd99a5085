import { Facet } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';

/** What a hover tooltip shows about one annotation. */
export interface AnnotationDescription {
  readonly label: string;
  readonly labelId: number;
  /** The actor the annotation is attributed to (speaker, claimant, holder...), with the attribute's name. */
  readonly actor: { readonly role: string; readonly name: string } | null;
  readonly text: string;
}

/**
 * How the editor reaches the application: the annotation layer reports clicks and asks for
 * descriptions through this facet, and knows nothing else about the app.
 */
export interface AnnotationHost {
  /** A plain click (no drag, no modifier) on the text: the innermost annotation under it, or null. */
  activate(id: number | null, view: EditorView): void;
  /** Describes an annotation for a tooltip; null hides it. */
  describe(id: number): AnnotationDescription | null;
}

export const annotationHost = Facet.define<AnnotationHost, AnnotationHost | null>({
  combine: (hosts) => hosts[0] ?? null,
});
