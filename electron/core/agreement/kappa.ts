/**
 * Cohen's kappa for two annotators (Cohen 1960) and Fleiss' kappa for several (Fleiss 1971), from tallies that
 * add up over documents, so the figures of a corpus and of its bootstrap samples are sums of documents' tallies.
 */

/** How often annotator A said a while annotator B said b, over units both coded. */
export class Confusion {
  readonly cells = new Map<string, Map<string, number>>();
  total = 0;

  add(a: string, b: string, count = 1): void {
    let row = this.cells.get(a);
    if (!row) this.cells.set(a, (row = new Map()));
    row.set(b, (row.get(b) ?? 0) + count);
    this.total += count;
  }

  addAll(other: Confusion): void {
    for (const [a, row] of other.cells) for (const [b, count] of row) this.add(a, b, count);
  }
}

/** (p_o - p_e) / (1 - p_e); null when undefined (no units, or both annotators always gave one and the same value). */
export function cohenKappa(confusion: Confusion): number | null {
  if (confusion.total === 0) return null;
  const rows = new Map<string, number>();
  const columns = new Map<string, number>();
  let agreed = 0;
  for (const [a, row] of confusion.cells) {
    for (const [b, count] of row) {
      rows.set(a, (rows.get(a) ?? 0) + count);
      columns.set(b, (columns.get(b) ?? 0) + count);
      if (a === b) agreed += count;
    }
  }
  const observed = agreed / confusion.total;
  let expected = 0;
  for (const [value, count] of rows) expected += (count / confusion.total) * ((columns.get(value) ?? 0) / confusion.total);
  return expected === 1 ? null : (observed - expected) / (1 - expected);
}

/** Fleiss' tallies: units each coded by the same number of raters, as category → how many raters chose it. */
export class FleissTally {
  units = 0;
  /** Σ_i P_i: each unit's share of agreeing rater pairs. */
  agreement = 0;
  readonly categories = new Map<string, number>();

  constructor(readonly raters: number) {}

  addUnit(counts: ReadonlyMap<string, number>): void {
    let total = 0;
    let pairs = 0;
    for (const [category, count] of counts) {
      total += count;
      pairs += count * (count - 1);
      this.categories.set(category, (this.categories.get(category) ?? 0) + count);
    }
    if (total !== this.raters) throw new Error(`a unit for Fleiss' kappa has ${total} ratings, not ${this.raters}`);
    this.units++;
    this.agreement += pairs / (this.raters * (this.raters - 1));
  }

  addAll(other: FleissTally): void {
    this.units += other.units;
    this.agreement += other.agreement;
    for (const [category, count] of other.categories) this.categories.set(category, (this.categories.get(category) ?? 0) + count);
  }
}

/** (P̄ - P̄e) / (1 - P̄e); null when undefined (no units, fewer than two raters, or one category only). */
export function fleissKappa(tally: FleissTally): number | null {
  if (tally.units === 0 || tally.raters < 2) return null;
  const observed = tally.agreement / tally.units;
  let expected = 0;
  for (const count of tally.categories.values()) expected += (count / (tally.units * tally.raters)) ** 2;
  return expected === 1 ? null : (observed - expected) / (1 - expected);
}
