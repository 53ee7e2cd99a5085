/**
 * The agreement figures of a set of documents, each annotated by several annotators: Krippendorff's unitizing
 * alpha on where spans are (per label and over all labels), Krippendorff's alpha on the labels and attribute
 * values of spans that cover mostly the same text, Fleiss' kappa on those groups (an annotator without a span in
 * a group said "none"), and per pair of annotators Cohen's kappa on the same groups and span F1 with exact and
 * with overlap matching. Per label, per document and overall, with the number of units behind each figure
 * and, for the corpus figures, percentile bootstrap intervals over documents from a seeded generator.
 *
 * Every figure comes from tallies that add up over documents, so a bootstrap sample is a weighted sum of the
 * documents' tallies, never a second pass over the spans.
 */
import { mulberry32 } from '../export/split.ts';
import { alphaOf, Coincidences } from './alpha.ts';
import { cohenKappa, Confusion, FleissTally, fleissKappa } from './kappa.ts';
import { exactMatches, f1Of, overlapMatches, spanGroups, type AgreementSpan, type MatchCounts } from './spans.ts';
import { joinedUnits, unitizingAlpha, unitizingAlphaOverall, UnitizingSampler, UnitizingTally, type Disagreement, type Interval } from './unitized.ts';

import { NO_SPAN, type AgreementQuery, type AgreementReport, type Figure } from '../../shared/agreement.ts';

export type { AgreementSpan } from './spans.ts';

export interface AgreementDocument {
  id: number;
  title: string;
  /** In code points. */
  length: number;
  spans: AgreementSpan[];
}

/** Bootstrap samples when the query names none: enough for stable 95% percentiles at a fraction of a second. */
const DEFAULT_SAMPLES = 200;

/** The report over `documents`; documents without a layer of every annotator compared are left out and listed. */
export function agreementReport(documents: readonly AgreementDocument[], options: AgreementQuery = {}): AgreementReport {
  const labelFilter = options.labels ? new Set(options.labels) : undefined;
  const annotators = options.annotators ?? [...new Set(documents.flatMap((document) => document.spans.map((span) => span.annotator)))].sort();
  const wanted = new Set(annotators);
  const leftOut: AgreementReport['leftOut'] = [];
  const compared: { document: AgreementDocument; spans: AgreementSpan[] }[] = [];
  for (const document of documents) {
    const layers = new Set(document.spans.map((span) => span.annotator));
    const missing = annotators.filter((annotator) => !layers.has(annotator));
    if (missing.length > 0) {
      leftOut.push({ id: document.id, title: document.title, reason: `no annotations by ${missing.map((name) => `“${name}”`).join(', ')}` });
      continue;
    }
    compared.push({ document, spans: document.spans.filter((span) => wanted.has(span.annotator) && (!labelFilter || labelFilter.has(span.label))) });
  }
  const labels = options.labels ?? [...new Set(compared.flatMap(({ spans }) => spans.map((span) => span.label)))].sort();
  const layout = new Layout(annotators, labels);
  const tallies = compared.map(({ document, spans }) => layout.tally(document.length, spans));
  const total = layout.sum(tallies);
  const bootstrap = { samples: options.samples ?? DEFAULT_SAMPLES, seed: options.seed ?? 1 };
  const intervals = bootstrapIntervals(layout, tallies, bootstrap);
  const figures = layout.figures(total);
  const withInterval = (key: string, value: number | null, units: number): Figure => ({ value, units, interval: value === null ? null : (intervals.get(key) ?? null) });
  const plain = (value: number | null, units: number): Figure => ({ value, units, interval: null });

  return {
    annotators,
    labels,
    documents: compared.length,
    leftOut,
    overall: {
      unitizingAlpha: withInterval('uα', figures.get('uα')!, total.spans),
      labelAlpha: withInterval('α', figures.get('α')!, total.labelAlpha.units),
      fleissKappa: withInterval('fleiss', figures.get('fleiss')!, total.fleiss.units),
      f1Exact: withInterval('f1Exact', figures.get('f1Exact')!, total.spans),
      f1Overlap: withInterval('f1Overlap', figures.get('f1Overlap')!, total.spans),
    },
    byLabel: labels.map((label, index) => ({
      label,
      spans: total.labelSpans[index]!,
      unitizingAlpha: withInterval(`uα:${label}`, figures.get(`uα:${label}`)!, total.labelSpans[index]!),
      f1Exact: withInterval(`f1Exact:${label}`, figures.get(`f1Exact:${label}`)!, total.labelSpans[index]!),
      f1Overlap: withInterval(`f1Overlap:${label}`, figures.get(`f1Overlap:${label}`)!, total.labelSpans[index]!),
      attributes: [...total.attributes]
        .filter(([key]) => key.startsWith(`${label}\u0000`))
        .map(([key, coincidences]) => ({ name: key.slice(label.length + 1), alpha: plain(alphaOf(coincidences, 'nominal'), coincidences.units) }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    })),
    byDocument: compared.map(({ document }, index) => {
      const tally = tallies[index]!;
      const own = layout.figures(tally);
      return {
        id: document.id,
        title: document.title,
        spans: tally.spans,
        unitizingAlpha: plain(own.get('uα')!, tally.spans),
        labelAlpha: plain(own.get('α')!, tally.labelAlpha.units),
        fleissKappa: plain(own.get('fleiss')!, tally.fleiss.units),
        f1Overlap: plain(own.get('f1Overlap')!, tally.spans),
      };
    }),
    pairs: layout.pairs.map(([a, b], index) => {
      const pair = total.pairs[index]!;
      return {
        first: annotators[a]!,
        second: annotators[b]!,
        cohenKappa: withInterval(`κ:${index}`, figures.get(`κ:${index}`)!, pair.confusion.total),
        f1Exact: withInterval(`f1Exact:${index}`, figures.get(`f1Exact:${index}`)!, pair.exact.first + pair.exact.second),
        f1Overlap: withInterval(`f1Overlap:${index}`, figures.get(`f1Overlap:${index}`)!, pair.overlap.first + pair.overlap.second),
      };
    }),
    labelConfusion: confusionCells(total.pairs.map((pair) => pair.confusion)),
    bootstrap,
  };
}

interface PairTally {
  confusion: Confusion;
  exact: MatchCounts;
  overlap: MatchCounts;
  /** Per label index. */
  labelExact: MatchCounts[];
  labelOverlap: MatchCounts[];
}

/** What one document (or a sum of documents) contributes to every figure. */
interface Tally {
  spans: number;
  labelSpans: number[];
  unitizing: UnitizingTally[];
  labelAlpha: Coincidences;
  /** `label\0attribute` → coincidences of its values. */
  attributes: Map<string, Coincidences>;
  fleiss: FleissTally;
  pairs: PairTally[];
}

/** The annotators, labels and annotator pairs of a report, and how a document's spans become a tally. */
class Layout {
  readonly pairs: [number, number][] = [];
  private readonly labelIndex: Map<string, number>;

  constructor(
    readonly annotators: readonly string[],
    readonly labels: readonly string[],
  ) {
    for (let a = 0; a < annotators.length; a++) for (let b = a + 1; b < annotators.length; b++) this.pairs.push([a, b]);
    this.labelIndex = new Map(labels.map((label, index) => [label, index]));
  }

  empty(): Tally {
    const counts = (): MatchCounts => ({ matched: 0, first: 0, second: 0 });
    return {
      spans: 0,
      labelSpans: this.labels.map(() => 0),
      unitizing: this.labels.map(() => new UnitizingTally(this.annotators.length)),
      labelAlpha: new Coincidences(),
      attributes: new Map(),
      fleiss: new FleissTally(this.annotators.length),
      pairs: this.pairs.map(() => ({
        confusion: new Confusion(),
        exact: counts(),
        overlap: counts(),
        labelExact: this.labels.map(counts),
        labelOverlap: this.labels.map(counts),
      })),
    };
  }

  tally(length: number, spans: readonly AgreementSpan[]): Tally {
    const tally = this.empty();
    tally.spans = spans.length;
    const byAnnotator = this.annotators.map((annotator) => spans.filter((span) => span.annotator === annotator));
    for (const span of spans) tally.labelSpans[this.labelIndex.get(span.label)!]!++;

    this.labels.forEach((label, index) => {
      const units = byAnnotator.map((own) => joinedUnits(own.filter((span) => span.label === label).map((span): Interval => [span.start, span.end]), length));
      tally.unitizing[index]!.addContinuum(length, units);
    });

    for (const group of spanGroups(spans)) this.addGroup(tally, group);

    this.pairs.forEach(([a, b], index) => {
      const pair = tally.pairs[index]!;
      const [first, second] = [byAnnotator[a]!, byAnnotator[b]!];
      const exact = exactMatches(first, second);
      const overlapping = overlapMatches(first, second);
      addCounts(pair.exact, exact.length, first.length, second.length);
      addCounts(pair.overlap, overlapping.length, first.length, second.length);
      // Both matchings pair spans of one label only: each label's counts are its share of them.
      for (const span of first) pair.labelExact[this.labelIndex.get(span.label)!]!.first++;
      for (const span of second) pair.labelExact[this.labelIndex.get(span.label)!]!.second++;
      for (const span of exact) pair.labelExact[this.labelIndex.get(span.label)!]!.matched++;
      pair.labelOverlap.forEach((counts, label) => Object.assign(counts, pair.labelExact[label], { matched: 0 }));
      for (const [span] of overlapping) pair.labelOverlap[this.labelIndex.get(span.label)!]!.matched++;
    });
    return tally;
  }

  /** One group of spans covering mostly the same text: a unit for label alpha, Fleiss, Cohen and attribute alpha. */
  private addGroup(tally: Tally, group: readonly AgreementSpan[]): void {
    const byAnnotator = new Map(group.map((span) => [span.annotator, span]));
    const values = this.annotators.map((annotator) => byAnnotator.get(annotator)?.label ?? NO_SPAN);
    tally.labelAlpha.addUnit(group.map((span) => span.label));
    const counts = new Map<string, number>();
    for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
    tally.fleiss.addUnit(counts);
    this.pairs.forEach(([a, b], index) => {
      if (values[a] !== NO_SPAN || values[b] !== NO_SPAN) tally.pairs[index]!.confusion.add(values[a]!, values[b]!);
    });
    if (group.every((span) => Object.keys(span.attributes).length === 0)) return;
    const byLabel = new Map<string, AgreementSpan[]>();
    for (const span of group) byLabel.set(span.label, [...(byLabel.get(span.label) ?? []), span]);
    for (const [label, same] of byLabel) {
      if (same.length < 2) continue;
      const names = new Set(same.flatMap((span) => Object.keys(span.attributes)));
      for (const name of names) {
        const key = `${label}\u0000${name}`;
        let coincidences = tally.attributes.get(key);
        if (!coincidences) tally.attributes.set(key, (coincidences = new Coincidences()));
        coincidences.addUnit(same.flatMap((span) => (Object.hasOwn(span.attributes, name) ? [String(span.attributes[name])] : [])));
      }
    }
  }

  /** The tally of several documents. */
  sum(tallies: readonly Tally[]): Tally {
    const total = this.empty();
    for (const tally of tallies) {
      total.spans += tally.spans;
      tally.labelSpans.forEach((count, index) => (total.labelSpans[index]! += count));
      tally.unitizing.forEach((own, index) => total.unitizing[index]!.addAll(own));
      total.labelAlpha.addAll(tally.labelAlpha);
      for (const [key, coincidences] of tally.attributes) {
        let into = total.attributes.get(key);
        if (!into) total.attributes.set(key, (into = new Coincidences()));
        into.addAll(coincidences);
      }
      total.fleiss.addAll(tally.fleiss);
      tally.pairs.forEach((pair, index) => {
        const into = total.pairs[index]!;
        into.confusion.addAll(pair.confusion);
        addCounts(into.exact, pair.exact.matched, pair.exact.first, pair.exact.second);
        addCounts(into.overlap, pair.overlap.matched, pair.overlap.first, pair.overlap.second);
        pair.labelExact.forEach((counts, label) => addCounts(into.labelExact[label]!, counts.matched, counts.first, counts.second));
        pair.labelOverlap.forEach((counts, label) => addCounts(into.labelOverlap[label]!, counts.matched, counts.first, counts.second));
      });
    }
    return total;
  }

  /** Every bootstrapped figure of a tally, by key; each label's unitizing disagreement given or from the tally. F1 over pairs and labels is pooled (micro). */
  figures(tally: Tally, disagreements: readonly (Disagreement | null)[] = tally.unitizing.map((own) => own.disagreement())): Map<string, number | null> {
    const figures = new Map<string, number | null>();
    figures.set('uα', unitizingAlphaOverall(disagreements));
    figures.set('α', alphaOf(tally.labelAlpha, 'nominal'));
    figures.set('fleiss', fleissKappa(tally.fleiss));
    figures.set('f1Exact', f1Of(pooled(tally.pairs.map((pair) => pair.exact))));
    figures.set('f1Overlap', f1Of(pooled(tally.pairs.map((pair) => pair.overlap))));
    this.labels.forEach((label, index) => {
      figures.set(`uα:${label}`, unitizingAlpha(disagreements[index]!));
      figures.set(`f1Exact:${label}`, f1Of(pooled(tally.pairs.map((pair) => pair.labelExact[index]!))));
      figures.set(`f1Overlap:${label}`, f1Of(pooled(tally.pairs.map((pair) => pair.labelOverlap[index]!))));
    });
    tally.pairs.forEach((pair, index) => {
      figures.set(`κ:${index}`, cohenKappa(pair.confusion));
      figures.set(`f1Exact:${index}`, f1Of(pair.exact));
      figures.set(`f1Overlap:${index}`, f1Of(pair.overlap));
    });
    return figures;
  }
}

/** The 2.5th and 97.5th percentiles of each figure over bootstrap samples of the documents (drawn with replacement). */
function bootstrapIntervals(layout: Layout, tallies: readonly Tally[], { samples, seed }: { samples: number; seed: number }): Map<string, [number, number]> {
  const intervals = new Map<string, [number, number]>();
  if (samples <= 0 || tallies.length < 2) return intervals;
  const random = mulberry32(seed);
  const samplers = layout.labels.map((_label, index) => new UnitizingSampler(tallies.map((tally) => tally.unitizing[index]!)));
  const space = new FeatureSpace();
  const vectors = tallies.map((tally) => space.flatten(tally));
  const drawn = new Map<string, number[]>();
  const times = new Array<number>(tallies.length);
  for (let sample = 0; sample < samples; sample++) {
    times.fill(0);
    for (let draw = 0; draw < tallies.length; draw++) times[Math.floor(random() * tallies.length)]!++;
    const dense = new Float64Array(space.size);
    vectors.forEach((vector, index) => {
      const n = times[index]!;
      for (let at = 0; n > 0 && at < vector.length; at += 2) dense[vector[at]!]! += vector[at + 1]! * n;
    });
    const figures = layout.figures(space.tally(layout, dense), samplers.map((sampler) => sampler.disagreement(times)));
    for (const [key, value] of figures) {
      if (value === null) continue;
      let values = drawn.get(key);
      if (!values) drawn.set(key, (values = []));
      values.push(value);
    }
  }
  for (const [key, values] of drawn) {
    values.sort((a, b) => a - b);
    intervals.set(key, [percentile(values, 0.025), percentile(values, 0.975)]);
  }
  return intervals;
}

const SEPARATOR = '\u0001';

/**
 * Every count of a tally but its unitizing tallies (sampled apart) as one entry of a flat vector, named by a key
 * that says where it goes back: a bootstrap sample adds up numbers, not maps, and rebuilds one tally from them.
 */
class FeatureSpace {
  private readonly positions = new Map<string, number>();
  private readonly keys: string[][] = [];

  get size(): number {
    return this.keys.length;
  }

  /** The tally's counts as pairs (position, value) in one array. */
  flatten(tally: Tally): Float64Array {
    const entries: number[] = [];
    const put = (value: number, ...key: (string | number)[]) => {
      if (value === 0) return;
      const name = key.join(SEPARATOR);
      let position = this.positions.get(name);
      if (position === undefined) {
        position = this.keys.length;
        this.positions.set(name, position);
        this.keys.push(key.map(String));
      }
      entries.push(position, value);
    };
    put(tally.spans, 'spans');
    tally.labelSpans.forEach((count, label) => put(count, 'labelSpans', label));
    const coincidences = (name: string, of: Coincidences, attribute = '') => {
      put(of.units, name, attribute, 'units');
      for (const [c, row] of of.cells) for (const [k, value] of row) put(value, name, attribute, 'cell', String(c), String(k));
    };
    coincidences('labelAlpha', tally.labelAlpha);
    for (const [attribute, of] of tally.attributes) coincidences('attribute', of, attribute);
    put(tally.fleiss.units, 'fleiss', 'units');
    put(tally.fleiss.agreement, 'fleiss', 'agreement');
    for (const [category, count] of tally.fleiss.categories) put(count, 'fleiss', 'category', category);
    tally.pairs.forEach((pair, index) => {
      for (const [a, row] of pair.confusion.cells) for (const [b, count] of row) put(count, 'pair', index, 'confusion', a, b);
      const counts = (kind: string, label: number, of: MatchCounts) => {
        put(of.matched, 'pair', index, kind, label, 'matched');
        put(of.first, 'pair', index, kind, label, 'first');
        put(of.second, 'pair', index, kind, label, 'second');
      };
      counts('exact', -1, pair.exact);
      counts('overlap', -1, pair.overlap);
      pair.labelExact.forEach((of, label) => counts('exact', label, of));
      pair.labelOverlap.forEach((of, label) => counts('overlap', label, of));
    });
    return Float64Array.from(entries);
  }

  /** The tally whose counts `dense` holds (unitizing tallies left empty). */
  tally(layout: Layout, dense: Float64Array): Tally {
    const tally = layout.empty();
    dense.forEach((value, position) => {
      if (value === 0) return;
      const [kind, ...rest] = this.keys[position]!;
      if (kind === 'spans') tally.spans = value;
      else if (kind === 'labelSpans') tally.labelSpans[Number(rest[0])] = value;
      else if (kind === 'labelAlpha' || kind === 'attribute') {
        let of = tally.labelAlpha;
        if (kind === 'attribute') {
          of = tally.attributes.get(rest[0]!) ?? new Coincidences();
          tally.attributes.set(rest[0]!, of);
        }
        if (rest[1] === 'units') of.units = value;
        else of.add(rest[2]!, rest[3]!, value);
      } else if (kind === 'fleiss') {
        if (rest[0] === 'units') tally.fleiss.units = value;
        else if (rest[0] === 'agreement') tally.fleiss.agreement = value;
        else tally.fleiss.categories.set(rest[1]!, value);
      } else {
        const pair = tally.pairs[Number(rest[0])]!;
        if (rest[1] === 'confusion') pair.confusion.add(rest[2]!, rest[3]!, value);
        else {
          const label = Number(rest[2]);
          const of = rest[1] === 'exact' ? (label < 0 ? pair.exact : pair.labelExact[label]!) : label < 0 ? pair.overlap : pair.labelOverlap[label]!;
          of[rest[3] as keyof MatchCounts] = value;
        }
      }
    });
    return tally;
  }
}

function percentile(sorted: readonly number[], share: number): number {
  const at = share * (sorted.length - 1);
  const low = Math.floor(at);
  const high = Math.min(sorted.length - 1, low + 1);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

function addCounts(counts: MatchCounts, matched: number, first: number, second: number): void {
  counts.matched += matched;
  counts.first += first;
  counts.second += second;
}

function pooled(all: readonly MatchCounts[]): MatchCounts {
  const total = { matched: 0, first: 0, second: 0 };
  for (const counts of all) addCounts(total, counts.matched, counts.first, counts.second);
  return total;
}

/** The pairs' confusions as one symmetric label × label table. */
function confusionCells(confusions: readonly Confusion[]): AgreementReport['labelConfusion'] {
  const cells = new Map<string, { first: string; second: string; count: number }>();
  const add = (first: string, second: string, count: number) => {
    const key = `${first}\u0000${second}`;
    const cell = cells.get(key) ?? { first, second, count: 0 };
    cell.count += count;
    cells.set(key, cell);
  };
  for (const confusion of confusions) {
    for (const [a, row] of confusion.cells) {
      for (const [b, count] of row) {
        add(a, b, count);
        if (a !== b) add(b, a, count);
      }
    }
  }
  return [...cells.values()].sort((x, y) => x.first.localeCompare(y.first) || x.second.localeCompare(y.second));
}
