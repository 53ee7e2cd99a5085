/**
 * The agreement figures the backend computes (core/agreement/report.ts) and the Agreement screen and `parley
 * agreement` show: what they are is described there.
 */

/** What to compare: annotators (default: all with annotations), labels by name (default: all), and the bootstrap. */
export interface AgreementQuery {
  annotators?: string[];
  labels?: string[];
  /** Bootstrap samples over documents (0: no intervals; default 200) and the seed of their generator (default 1). */
  samples?: number;
  seed?: number;
}

/** The value of an annotator who has no span in a group of spans, in the label confusion. */
export const NO_SPAN = '(none)';

/** A figure, the units behind it, and its 95% bootstrap interval (null when not bootstrapped or undefined). */
export interface Figure {
  value: number | null;
  units: number;
  interval: [number, number] | null;
}

export interface PairFigures {
  first: string;
  second: string;
  cohenKappa: Figure;
  f1Exact: Figure;
  f1Overlap: Figure;
}

export interface LabelFigures {
  label: string;
  spans: number;
  unitizingAlpha: Figure;
  f1Exact: Figure;
  f1Overlap: Figure;
  /** Alpha (nominal) on each attribute's values, over groups where at least two annotators gave this label. */
  attributes: { name: string; alpha: Figure }[];
}

export interface DocumentFigures {
  id: number;
  title: string;
  spans: number;
  unitizingAlpha: Figure;
  labelAlpha: Figure;
  fleissKappa: Figure;
  f1Overlap: Figure;
}

export interface AgreementReport {
  annotators: string[];
  labels: string[];
  documents: number;
  /** Documents not compared, and why. */
  leftOut: { id: number; title: string; reason: string }[];
  overall: { unitizingAlpha: Figure; labelAlpha: Figure; fleissKappa: Figure; f1Exact: Figure; f1Overlap: Figure };
  byLabel: LabelFigures[];
  byDocument: DocumentFigures[];
  pairs: PairFigures[];
  /** How often one annotator's label met another's in a group (both orders), `NO_SPAN` where one had none. */
  labelConfusion: { first: string; second: string; count: number }[];
  bootstrap: { samples: number; seed: number };
}

