/**
 * Krippendorff's unitizing alpha (uα, Krippendorff 1995 "On the reliability of unitizing continuous data",
 * and Content Analysis, 2nd ed. 2004, ch. 12): how well annotators agree on where spans of a label begin and
 * end. Each annotator cuts a continuum (a document's code points) into units of the label and the gaps between
 * them; observed disagreement sums the squared boundary differences of overlapping units (a unit against a gap
 * that holds it counts its squared length), expected disagreement is that of all placements of the same units and
 * gaps. A corpus is the documents' continua laid end to end; what it takes is a sum of each document's tally, so
 * corpus figures and their bootstrap samples add tallies up.
 */

/** A half-open stretch [start, end) of one annotator's units of one label; overlapping spans are joined first. */
export type Interval = readonly [number, number];

export class UnitizingTally {
  /** Σ over annotator pairs and overlapping segments of δ². */
  observed = 0;
  /** Total length of the continua. */
  length = 0;
  /** Unit lengths and gap lengths (each annotator's), as length → how many. */
  readonly units = new Map<number, number>();
  readonly gaps = new Map<number, number>();

  constructor(readonly annotators: number) {}

  /** Adds one continuum of `length` code points, cut by each annotator (one list of disjoint units each). */
  addContinuum(length: number, byAnnotator: readonly (readonly Interval[])[]): void {
    if (byAnnotator.length !== this.annotators) throw new Error(`a continuum has ${byAnnotator.length} annotators’ units, not ${this.annotators}`);
    this.length += length;
    const segmented = byAnnotator.map((units) => segments(units, length));
    for (const cut of segmented) {
      for (const [start, end, isUnit] of cut) count(isUnit ? this.units : this.gaps, end - start);
    }
    for (let a = 0; a < segmented.length; a++) {
      for (let b = a + 1; b < segmented.length; b++) this.observed += pairDisagreement(segmented[a]!, segmented[b]!);
    }
  }

  addAll(other: UnitizingTally): void {
    this.observed += other.observed;
    this.length += other.length;
    for (const [length, n] of other.units) count(this.units, length, n);
    for (const [length, n] of other.gaps) count(this.gaps, length, n);
  }

  /** The label's observed and expected disagreement, or null when uα is undefined (no units, or no continuum). */
  disagreement(): Disagreement | null {
    if (this.length === 0 || this.units.size === 0 || this.annotators < 2) return null;
    const longestFirst = (counts: Map<number, number>) => [...counts].sort((x, y) => y[0] - x[0]);
    return { observed: observedDisagreement(this.annotators, this.observed, this.length), expected: expectedDisagreement(this.annotators, this.length, longestFirst(this.units), longestFirst(this.gaps)) };
  }
}

/** A label's uD_o and uD_e. */
export interface Disagreement {
  observed: number;
  expected: number;
}

/** uα of one label, or null when it is undefined. */
export function unitizingAlpha(disagreement: Disagreement | null): number | null {
  if (!disagreement || disagreement.expected === 0) return null;
  return 1 - disagreement.observed / disagreement.expected;
}

/** uα over several labels: 1 − (mean observed) / (mean expected) disagreement, as Krippendorff averages over categories. */
export function unitizingAlphaOverall(disagreements: readonly (Disagreement | null)[]): number | null {
  let [observed, expected, defined] = [0, 0, 0];
  for (const disagreement of disagreements) {
    if (!disagreement) continue;
    observed += disagreement.observed;
    expected += disagreement.expected;
    defined++;
  }
  return defined === 0 || expected === 0 ? null : 1 - observed / expected;
}

/**
 * Weighted sums of many continua's tallies of one label (a bootstrap sample of documents), without maps: each
 * tally's unit and gap lengths as positions in one list of every length, longest first.
 */
export class UnitizingSampler {
  private readonly unitLengths: number[];
  private readonly gapLengths: number[];
  private readonly parts: { observed: number; length: number; units: Float64Array; gaps: Float64Array }[];

  constructor(private readonly tallies: readonly UnitizingTally[]) {
    const longestFirst = (lengths: Iterable<number>) => [...new Set(lengths)].sort((x, y) => y - x);
    this.unitLengths = longestFirst(tallies.flatMap((tally) => [...tally.units.keys()]));
    this.gapLengths = longestFirst(tallies.flatMap((tally) => [...tally.gaps.keys()]));
    const unitAt = new Map(this.unitLengths.map((length, index) => [length, index]));
    const gapAt = new Map(this.gapLengths.map((length, index) => [length, index]));
    // Each histogram as pairs (position, count) in one array.
    const sparse = (counts: Map<number, number>, at: Map<number, number>) => Float64Array.from([...counts].flatMap(([length, n]) => [at.get(length)!, n]));
    this.parts = tallies.map((tally) => ({ observed: tally.observed, length: tally.length, units: sparse(tally.units, unitAt), gaps: sparse(tally.gaps, gapAt) }));
  }

  /** The disagreement of Σ times[i] × tally i. */
  disagreement(times: ArrayLike<number>): Disagreement | null {
    const annotators = this.tallies[0]?.annotators ?? 0;
    const units = new Float64Array(this.unitLengths.length);
    const gaps = new Float64Array(this.gapLengths.length);
    let [observed, length] = [0, 0];
    this.parts.forEach((part, index) => {
      const n = times[index]!;
      if (n === 0) return;
      observed += part.observed * n;
      length += part.length * n;
      for (let at = 0; at < part.units.length; at += 2) units[part.units[at]!]! += part.units[at + 1]! * n;
      for (let at = 0; at < part.gaps.length; at += 2) gaps[part.gaps[at]!]! += part.gaps[at + 1]! * n;
    });
    const present = (lengths: number[], counts: Float64Array): [number, number][] => lengths.flatMap((l, index): [number, number][] => (counts[index]! > 0 ? [[l, counts[index]!]] : []));
    const unitCounts = present(this.unitLengths, units);
    if (length === 0 || unitCounts.length === 0 || annotators < 2) return null;
    return { observed: observedDisagreement(annotators, observed, length), expected: expectedDisagreement(annotators, length, unitCounts, present(this.gapLengths, gaps)) };
  }
}

/** uD_o = 2 Σδ² / (m (m − 1) L²). */
function observedDisagreement(m: number, sum: number, L: number): number {
  return (2 * sum) / (m * (m - 1) * L * L);
}

/**
 * uD_e = (2/L) Σ_units [ (N − 1)(2l³ − 3l² + l)/3 + l² Σ_{gaps g ≥ l} (g − l + 1) ] / (mL (mL − 1) − Σ_units l (l − 1)),
 * N the number of units of the label over all annotators; units and gaps as (length, count), longest first.
 */
function expectedDisagreement(m: number, L: number, units: readonly [number, number][], gaps: readonly [number, number][]): number {
  let [unitTotal, selfPairs] = [0, 0];
  for (const [l, n] of units) {
    unitTotal += n;
    selfPairs += n * l * (l - 1);
  }
  // Walking both lists longest first, the gaps of at least l are those passed: Σ (g − l + 1) = S_len − (l − 1) S_count.
  let [gapCount, gapSum, next, total] = [0, 0, 0, 0];
  for (const [l, n] of units) {
    while (next < gaps.length && gaps[next]![0] >= l) {
      gapCount += gaps[next]![1];
      gapSum += gaps[next]![0] * gaps[next]![1];
      next++;
    }
    const placements = gapSum - (l - 1) * gapCount;
    total += n * (((unitTotal - 1) * (2 * l ** 3 - 3 * l ** 2 + l)) / 3 + l * l * placements);
  }
  const denominator = m * L * (m * L - 1) - selfPairs;
  return denominator <= 0 ? 0 : ((2 / L) * total) / denominator;
}

/** Sorted, disjoint units of one annotator: overlapping or touching spans joined, clipped to the continuum. */
export function joinedUnits(spans: Iterable<Interval>, length: number): Interval[] {
  const sorted = [...spans].map(([start, end]): Interval => [Math.max(0, start), Math.min(length, end)]).filter(([start, end]) => end > start);
  sorted.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const joined: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = joined.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else joined.push([start, end]);
  }
  return joined;
}

type Segment = readonly [start: number, end: number, isUnit: boolean];

/** The continuum [0, length) as units and the gaps between them. */
function segments(units: readonly Interval[], length: number): Segment[] {
  const cut: Segment[] = [];
  let at = 0;
  for (const [start, end] of units) {
    if (start > at) cut.push([at, start, false]);
    cut.push([start, end, true]);
    at = end;
  }
  if (at < length) cut.push([at, length, false]);
  return cut;
}

/** Σδ² over the overlapping segments of two annotators' cuts of one continuum. */
function pairDisagreement(first: readonly Segment[], second: readonly Segment[]): number {
  let sum = 0;
  let [i, j] = [0, 0];
  while (i < first.length && j < second.length) {
    const [aStart, aEnd, aUnit] = first[i]!;
    const [bStart, bEnd, bUnit] = second[j]!;
    if (aUnit && bUnit) sum += (aStart - bStart) ** 2 + (aEnd - bEnd) ** 2;
    else if (aUnit && !bUnit && aStart >= bStart && aEnd <= bEnd) sum += (aEnd - aStart) ** 2;
    else if (bUnit && !aUnit && bStart >= aStart && bEnd <= aEnd) sum += (bEnd - bStart) ** 2;
    if (aEnd <= bEnd) i++;
    if (bEnd <= aEnd) j++;
  }
  return sum;
}

function count(counts: Map<number, number>, length: number, n = 1): void {
  counts.set(length, (counts.get(length) ?? 0) + n);
}
