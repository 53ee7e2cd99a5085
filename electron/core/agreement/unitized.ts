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

  addAll(other: UnitizingTally, times = 1): void {
    this.observed += other.observed * times;
    this.length += other.length * times;
    for (const [length, n] of other.units) count(this.units, length, n * times);
    for (const [length, n] of other.gaps) count(this.gaps, length, n * times);
  }

  /** uD_o = 2 Σδ² / (m (m − 1) L²). */
  observedDisagreement(): number {
    const m = this.annotators;
    return (2 * this.observed) / (m * (m - 1) * this.length * this.length);
  }

  /**
   * uD_e = (2/L) Σ_units [ (N − 1)(2l³ − 3l² + l)/3 + l² Σ_{gaps g ≥ l} (g − l + 1) ] / (mL (mL − 1) − Σ_units l (l − 1)),
   * N the number of units of the label over all annotators.
   */
  expectedDisagreement(): number {
    const m = this.annotators;
    const L = this.length;
    let units = 0;
    let selfPairs = 0;
    for (const [l, n] of this.units) {
      units += n;
      selfPairs += n * l * (l - 1);
    }
    // Gap lengths longest first, with running counts and sums, for Σ_{g ≥ l} (g − l + 1) = S_len − (l − 1) S_count.
    const gapLengths = [...this.gaps.keys()].sort((a, b) => b - a);
    const atLeast: { length: number; count: number; sum: number }[] = [];
    let [gapCount, gapSum] = [0, 0];
    for (const g of gapLengths) {
      const n = this.gaps.get(g)!;
      gapCount += n;
      gapSum += n * g;
      atLeast.push({ length: g, count: gapCount, sum: gapSum });
    }
    let total = 0;
    for (const [l, n] of this.units) {
      const fitting = longestFirstAtLeast(atLeast, l);
      const placements = fitting ? fitting.sum - (l - 1) * fitting.count : 0;
      total += n * (((units - 1) * (2 * l ** 3 - 3 * l ** 2 + l)) / 3 + l * l * placements);
    }
    const denominator = m * L * (m * L - 1) - selfPairs;
    return denominator <= 0 ? 0 : ((2 / L) * total) / denominator;
  }
}

/** uα of one label, or null when it is undefined (no units, or no continuum). */
export function unitizingAlpha(tally: UnitizingTally): number | null {
  if (tally.length === 0 || tally.units.size === 0 || tally.annotators < 2) return null;
  const expected = tally.expectedDisagreement();
  return expected === 0 ? null : 1 - tally.observedDisagreement() / expected;
}

/** uα over several labels: 1 − (mean observed) / (mean expected) disagreement, as Krippendorff averages over categories. */
export function unitizingAlphaOverall(tallies: readonly UnitizingTally[]): number | null {
  const defined = tallies.filter((tally) => tally.length > 0 && tally.units.size > 0 && tally.annotators >= 2);
  if (defined.length === 0) return null;
  let [observed, expected] = [0, 0];
  for (const tally of defined) {
    observed += tally.observedDisagreement();
    expected += tally.expectedDisagreement();
  }
  return expected === 0 ? null : 1 - observed / expected;
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

/** The entry of the longest-first running totals covering every gap of at least `length`, by binary search. */
function longestFirstAtLeast<T extends { length: number }>(atLeast: readonly T[], length: number): T | undefined {
  let [low, high] = [0, atLeast.length - 1];
  let found: T | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (atLeast[middle]!.length >= length) {
      found = atLeast[middle];
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}
