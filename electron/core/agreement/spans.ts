/**
 * Matching two annotators' spans of one document: exact (same label, same fragments) and overlapping (same
 * label, sharing at least one code point; one-to-one, the largest overlaps first). Their counts give span F1,
 * and add up over documents. Units for label agreement are groups of spans by different annotators that cover
 * mostly the same text (Jaccard overlap of their hulls of at least a half), whatever their labels.
 */

export interface AgreementSpan {
  id: number;
  annotator: string;
  label: string;
  /** The hull of the span's fragments, in code points. */
  start: number;
  end: number;
  /** Equal for spans of the same label and fragments, and only for those: what exact matching compares. */
  exactKey: string;
  attributes: Readonly<Record<string, string | number | boolean>>;
}

/** How two annotators' spans matched: F1 = 2 matched / (first + second). */
export interface MatchCounts {
  matched: number;
  first: number;
  second: number;
}

export function f1Of(counts: MatchCounts): number | null {
  const total = counts.first + counts.second;
  return total === 0 ? null : (2 * counts.matched) / total;
}

/** Exact matches: same label and fragments, each span matched at most once; the spans of `first` matched. */
export function exactMatches(first: readonly AgreementSpan[], second: readonly AgreementSpan[]): AgreementSpan[] {
  const waiting = new Map<string, number>();
  for (const span of second) {
    const key = span.exactKey;
    waiting.set(key, (waiting.get(key) ?? 0) + 1);
  }
  const matched: AgreementSpan[] = [];
  for (const span of first) {
    const key = span.exactKey;
    const left = waiting.get(key) ?? 0;
    if (left > 0) {
      waiting.set(key, left - 1);
      matched.push(span);
    }
  }
  return matched;
}

/**
 * Overlap matches: same label, at least one shared code point, one-to-one with the largest overlaps first. Only
 * spans of one label compete, so the matches of each label are those its spans alone would make.
 */
export function overlapMatches(first: readonly AgreementSpan[], second: readonly AgreementSpan[]): [AgreementSpan, AgreementSpan][] {
  const candidates: { a: AgreementSpan; b: AgreementSpan; overlap: number }[] = [];
  const byStart = [...second].sort((x, y) => x.start - y.start);
  // No span is longer than the longest: spans starting more than that before `a` ends cannot reach it.
  const longest = byStart.reduce((most, b) => Math.max(most, b.end - b.start), 0);
  for (const a of first) {
    for (let index = firstStartingAtOrAfter(byStart, a.start - longest); index < byStart.length; index++) {
      const b = byStart[index]!;
      if (b.start >= a.end) break;
      const overlap = Math.min(a.end, b.end) - Math.max(a.start, b.start);
      if (overlap > 0 && a.label === b.label) candidates.push({ a, b, overlap });
    }
  }
  candidates.sort((x, y) => y.overlap - x.overlap || x.a.start - y.a.start || x.b.start - y.b.start);
  const [usedA, usedB] = [new Set<AgreementSpan>(), new Set<AgreementSpan>()];
  const pairs: [AgreementSpan, AgreementSpan][] = [];
  for (const { a, b } of candidates) {
    if (usedA.has(a) || usedB.has(b)) continue;
    usedA.add(a);
    usedB.add(b);
    pairs.push([a, b]);
  }
  return pairs;
}

/**
 * Groups of spans that cover mostly the same text, each annotator's span in a group at most once: the units
 * whose labels and attributes are compared. Spans are grouped greedily in reading order, a span joining the
 * first open group whose first span it overlaps by a Jaccard of at least a half and which has no span of its
 * annotator yet.
 */
export function spanGroups(spans: readonly AgreementSpan[]): AgreementSpan[][] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end || a.id - b.id);
  const groups: { head: AgreementSpan; members: AgreementSpan[]; annotators: Set<string> }[] = [];
  const open: typeof groups = [];
  for (const span of sorted) {
    // Groups whose head ends before this span starts can take no more spans.
    for (let index = open.length - 1; index >= 0; index--) if (open[index]!.head.end <= span.start) open.splice(index, 1);
    const group = open.find((candidate) => !candidate.annotators.has(span.annotator) && jaccard(candidate.head, span) >= 0.5);
    if (group) {
      group.members.push(span);
      group.annotators.add(span.annotator);
    } else {
      const created = { head: span, members: [span], annotators: new Set([span.annotator]) };
      groups.push(created);
      open.push(created);
    }
  }
  return groups.map((group) => group.members);
}

/** The first position in `sorted` (by start) whose span starts at or after `start`. */
function firstStartingAtOrAfter(sorted: readonly AgreementSpan[], start: number): number {
  let [low, high] = [0, sorted.length];
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle]!.start < start) low = middle + 1;
    else high = middle;
  }
  return low;
}

function jaccard(a: AgreementSpan, b: AgreementSpan): number {
  const shared = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  if (shared <= 0) return 0;
  return shared / (Math.max(a.end, b.end) - Math.min(a.start, b.start));
}
