/** Read-only lookups built from lists (in a plain module: the maps are never mutated after construction). */

export function indexById<T extends { id: number }>(items: readonly T[]): ReadonlyMap<number, T> {
  return new Map(items.map((item) => [item.id, item]));
}

export function indexByKey<T>(items: readonly T[], key: (item: T) => string): ReadonlyMap<string, T> {
  return new Map(items.map((item) => [key(item), item]));
}

export function countBy<T>(items: Iterable<T>, key: (item: T) => number): ReadonlyMap<number, number> {
  const counts = new Map<number, number>();
  for (const item of items) {
    const k = key(item);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

/** The item per key that `better` prefers, in first-seen key order. */
export function bestBy<T>(items: Iterable<T>, key: (item: T) => string, better: (a: T, b: T) => boolean): T[] {
  const best = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    const seen = best.get(k);
    if (!seen || better(item, seen)) best.set(k, item);
  }
  return [...best.values()];
}
