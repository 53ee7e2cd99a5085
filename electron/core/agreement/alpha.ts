/**
 * Krippendorff's alpha from a coincidence matrix (Krippendorff, "Computing Krippendorff's Alpha-Reliability",
 * 2011): alpha = 1 - Do/De, for nominal, ordinal, interval and ratio values, any number of coders, missing
 * values allowed. The matrix is additive over units, so figures over documents (and their bootstrap samples)
 * are sums of each document's matrix.
 */

export type AlphaLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';
export type AlphaValue = string | number;

/** o[c][k]: how often value c was paired with value k within a unit, each unit's pairs weighted 1/(m_u - 1). */
export class Coincidences {
  readonly cells = new Map<AlphaValue, Map<AlphaValue, number>>();
  /** Units with at least two values: those that count. */
  units = 0;

  /** Adds one unit's values (missing ones left out): a unit with fewer than two is not pairable and adds nothing. */
  addUnit(values: readonly AlphaValue[]): void {
    const pairable = values.length;
    if (pairable < 2) return;
    const counts = new Map<AlphaValue, number>();
    for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
    this.units++;
    for (const [c, nc] of counts) {
      for (const [k, nk] of counts) this.add(c, k, (c === k ? nc * (nc - 1) : nc * nk) / (pairable - 1));
    }
  }

  addAll(other: Coincidences): void {
    this.units += other.units;
    for (const [c, row] of other.cells) for (const [k, value] of row) this.add(c, k, value);
  }

  /** Adds `value` to o[c][k]. */
  add(c: AlphaValue, k: AlphaValue, value: number): void {
    if (value === 0) return;
    let row = this.cells.get(c);
    if (!row) this.cells.set(c, (row = new Map()));
    row.set(k, (row.get(k) ?? 0) + value);
  }
}

/** Alpha of the coincidences, or null when it is undefined (no pairable values, or all values the same). */
export function alphaOf(coincidences: Coincidences, level: AlphaLevel): number | null {
  const marginals = new Map<AlphaValue, number>();
  for (const [c, row] of coincidences.cells) {
    let sum = 0;
    for (const value of row.values()) sum += value;
    marginals.set(c, sum);
  }
  let n = 0;
  for (const value of marginals.values()) n += value;
  if (n <= 1) return null;
  const delta = difference(level, marginals);
  let observed = 0;
  for (const [c, row] of coincidences.cells) for (const [k, value] of row) observed += value * delta(c, k);
  let expected = 0;
  for (const [c, nc] of marginals) for (const [k, nk] of marginals) expected += nc * nk * delta(c, k);
  observed /= n;
  expected /= n * (n - 1);
  if (expected === 0) return null;
  return 1 - observed / expected;
}

/** Alpha of reliability data given unit by unit: each unit the values its coders gave (null: missing). */
export function krippendorffAlpha(units: readonly (readonly (AlphaValue | null)[])[], level: AlphaLevel): number | null {
  const coincidences = new Coincidences();
  for (const unit of units) coincidences.addUnit(unit.filter((value): value is AlphaValue => value !== null));
  return alphaOf(coincidences, level);
}

/** The squared difference δ²(c, k) of the level; ordinal ranks values by their order and counts by the marginals. */
function difference(level: AlphaLevel, marginals: ReadonlyMap<AlphaValue, number>): (c: AlphaValue, k: AlphaValue) => number {
  if (level === 'nominal') return (c, k) => (c === k ? 0 : 1);
  const numeric = (value: AlphaValue): number => {
    const number = typeof value === 'number' ? value : Number(value);
    if (!Number.isFinite(number)) throw new Error(`${level} alpha needs numbers; “${String(value)}” is not one`);
    return number;
  };
  if (level === 'interval') return (c, k) => (numeric(c) - numeric(k)) ** 2;
  if (level === 'ratio') {
    return (c, k) => {
      const [a, b] = [numeric(c), numeric(k)];
      return a + b === 0 ? 0 : ((a - b) / (a + b)) ** 2;
    };
  }
  const ordered = [...marginals.keys()].sort((a, b) => numeric(a) - numeric(b));
  const rank = new Map(ordered.map((value, index) => [value, index]));
  // cumulative[i]: the marginals of the values ranked below i.
  const cumulative = [0];
  for (const value of ordered) cumulative.push(cumulative.at(-1)! + marginals.get(value)!);
  return (c, k) => {
    let [low, high] = [rank.get(c)!, rank.get(k)!];
    if (low > high) [low, high] = [high, low];
    const between = cumulative[high + 1]! - cumulative[low]!;
    return (between - (marginals.get(ordered[low]!)! + marginals.get(ordered[high]!)!) / 2) ** 2;
  };
}
