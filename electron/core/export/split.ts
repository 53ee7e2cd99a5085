/** The parts a split writes, in the order their files are listed. */
export const SPLIT_PARTS = ['train', 'dev', 'test'] as const;
export type SplitPart = (typeof SPLIT_PARTS)[number];

/**
 * Assigns whole documents to train, dev and test: the ids, in ascending order, are shuffled with a seeded
 * generator and cut at the given proportions. The same ids, proportions and seed always give the same split,
 * on any machine, and the part sizes are as close to the proportions as whole documents allow.
 */
export function splitDocuments(
  documentIds: readonly number[],
  proportions: readonly [number, number, number],
  seed: number,
): Map<number, SplitPart> {
  const shuffled = [...documentIds].sort((a, b) => a - b);
  const random = mulberry32(seed);
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  const total = shuffled.length;
  const train = Math.min(total, Math.round(total * proportions[0]));
  const dev = Math.min(total - train, Math.round(total * proportions[1]));
  const parts = new Map<number, SplitPart>();
  shuffled.forEach((id, position) => parts.set(id, position < train ? 'train' : position < train + dev ? 'dev' : 'test'));
  return parts;
}

/** A small, well-known 32-bit seeded generator: enough to shuffle, and identical everywhere. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
