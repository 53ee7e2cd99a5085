/** The tagger's tag set: BIO over PolNeAR's three attribution parts. */
export const PARTS = ['Content', 'Source', 'Cue'] as const;
export type Part = (typeof PARTS)[number];

export const TAGS = ['O', 'B-Content', 'I-Content', 'B-Source', 'I-Source', 'B-Cue', 'I-Cue'] as const;
export const OUTSIDE = 0;

/** The part a tag index belongs to, or null for O. */
export function partOf(tag: number): Part | null {
  return tag === OUTSIDE ? null : PARTS[(tag - 1) >> 1]!;
}

export function isBegin(tag: number): boolean {
  return tag !== OUTSIDE && (tag - 1) % 2 === 0;
}

export function tagIndex(part: Part, begin: boolean): number {
  return 1 + PARTS.indexOf(part) * 2 + (begin ? 0 : 1);
}
