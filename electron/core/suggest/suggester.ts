/**
 * What every suggester (the built-in attribution model, string matching, an external recommender) takes and
 * gives. A suggestion is a span with a label and a confidence; a Quote suggestion may carry its speaker (the
 * source mention, resolved to a registry actor where possible) and its cue.
 */
import type { RegistryActor } from './resolve.ts';

export interface SuggestedMention {
  /** Code point offsets into the document's text, end-exclusive. */
  start: number;
  end: number;
}

export interface Suggestion extends SuggestedMention {
  label: string;
  /** 0..1 */
  confidence: number;
  /** Quote: direct (all inside quote marks), indirect (none) or mixed. */
  kind?: 'direct' | 'indirect' | 'mixed';
  speaker?: SuggestedMention & { actorId: number | null };
  cue?: SuggestedMention;
}

export interface SuggestInput {
  documentId: number;
  text: string;
  /** The labels suggestions are wanted for (the workspace's configuration). */
  labels: readonly string[];
  actors: readonly RegistryActor[];
  /** Spans already tagged anywhere in the corpus, by label and text (for string matching). */
  tagged: readonly { label: string; text: string }[];
  /** The document's own annotations, which no suggestion may repeat. */
  annotated: readonly (SuggestedMention & { label: string })[];
}

export interface Suggester {
  /** Names the suggester in settings and in stored suggestions ("attribution-model", "string-match", ...). */
  readonly name: string;
  suggest(input: SuggestInput, signal?: AbortSignal): Promise<Suggestion[]>;
}
