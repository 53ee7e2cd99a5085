import type { Annotation } from '../../../../electron/shared/types.ts';

interface Key {
  start: number;
  end: number;
  id: number;
}

function keyOf(annotation: Pick<Annotation, 'id' | 'fragments'>): Key {
  const first = annotation.fragments[0];
  const last = annotation.fragments[annotation.fragments.length - 1];
  return { start: first?.[0] ?? 0, end: last?.[1] ?? 0, id: annotation.id };
}

function compare(a: Key, b: Key): number {
  return a.start - b.start || a.end - b.end || a.id - b.id;
}

/**
 * Annotations sorted by (start, end, id), kept sorted by binary insertion, so stepping to the next or previous
 * annotation is O(log n) and a change costs one splice rather than a sort.
 */
export class AnnotationOrder {
  #keys: Key[] = [];

  reset(annotations: Iterable<Pick<Annotation, 'id' | 'fragments'>>): void {
    this.#keys = [...annotations].map(keyOf).sort(compare);
  }

  get size(): number {
    return this.#keys.length;
  }

  insert(annotation: Pick<Annotation, 'id' | 'fragments'>): void {
    const key = keyOf(annotation);
    this.#keys.splice(this.#lowerBound(key), 0, key);
  }

  remove(annotation: Pick<Annotation, 'id' | 'fragments'>): void {
    const key = keyOf(annotation);
    const index = this.#lowerBound(key);
    if (this.#keys[index]?.id === key.id) this.#keys.splice(index, 1);
    else {
      // Not where its fragments say (should not happen): fall back to a scan.
      const at = this.#keys.findIndex((k) => k.id === key.id);
      if (at >= 0) this.#keys.splice(at, 1);
    }
  }

  /** The id after (1) or before (-1) an annotation in reading order, or null at either end. */
  neighbour(annotation: Pick<Annotation, 'id' | 'fragments'>, direction: 1 | -1): number | null {
    const index = this.#lowerBound(keyOf(annotation));
    const found = this.#keys[index]?.id === annotation.id;
    const target = direction > 0 ? (found ? index + 1 : index) : index - 1;
    return this.#keys[target]?.id ?? null;
  }

  /** The first annotation starting at or after `position` (1), or the last starting before it (-1). */
  fromPosition(position: number, direction: 1 | -1): number | null {
    const index = this.#lowerBound({ start: position, end: -Infinity, id: -Infinity });
    return this.#keys[direction > 0 ? index : index - 1]?.id ?? null;
  }

  edge(which: 'first' | 'last'): number | null {
    return this.#keys[which === 'first' ? 0 : this.#keys.length - 1]?.id ?? null;
  }

  *ids(): Iterable<number> {
    for (const key of this.#keys) yield key.id;
  }

  #lowerBound(key: Key): number {
    let low = 0;
    let high = this.#keys.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compare(this.#keys[mid]!, key) < 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
