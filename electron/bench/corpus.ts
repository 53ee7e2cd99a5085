/**
 * Deterministic benchmark inputs generated from real prose (War and Peace, 3.2 million characters), so that
 * every run, on every machine, measures the same documents and spans.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ImportedDocument } from '../core/workspace.ts';
import { normaliseText } from '../core/text.ts';
import { seededRandom } from './measure.ts';

export const WAR_AND_PEACE = fileURLToPath(new URL('../../../shared/data/large/war_and_peace_en_gutenberg.txt', import.meta.url));
export const POLNEAR_TRAIN = fileURLToPath(new URL('../../../shared/data/corpora/polnear/train/', import.meta.url));
export const POLNEAR_DEV = fileURLToPath(new URL('../../../shared/data/corpora/polnear/dev/', import.meta.url));

let prose: string | undefined;
/** The novel as Parley would store it (BOM dropped, line breaks normalised). */
export function novel(): string {
  prose ??= normaliseText(readFileSync(WAR_AND_PEACE, 'utf8')).text;
  return prose;
}

export interface Span {
  start: number;
  end: number;
  label: string;
}

export const BENCH_LABELS = ['Quote', 'Claim', 'Position', 'Actor'];

/**
 * A document of `length` characters with `count` spans on word boundaries: (1 - overlapShare) of them tile the
 * text without overlapping, the rest overlap one of those (nested or crossing), as real annotation does.
 */
export function largeDocument(length: number, count: number, overlapShare: number, seed: number): { text: string; spans: Span[] } {
  const source = novel();
  const text = source.slice(0, Math.min(length, source.length));
  const random = seededRandom(seed);
  const spans: Span[] = [];
  const plain = Math.round(count * (1 - overlapShare));
  const slot = Math.floor(text.length / plain);
  const wordStart = (at: number) => {
    let position = at;
    while (position > 0 && /\w/.test(text[position - 1]!)) position--;
    return position;
  };
  const wordEnd = (at: number) => {
    let position = at;
    while (position < text.length && /\w/.test(text[position]!)) position++;
    return position;
  };
  for (let index = 0; index < plain; index++) {
    const slotStart = index * slot;
    const start = wordStart(slotStart + Math.floor(random() * slot * 0.3));
    const end = Math.min(wordEnd(start + 5 + Math.floor(random() * slot * 0.5)), slotStart + slot - 1);
    if (end > start) spans.push({ start, end, label: BENCH_LABELS[index % BENCH_LABELS.length]! });
  }
  const tiles = spans.length;
  for (let index = 0; spans.length < count && index < count * 4; index++) {
    const base = spans[Math.floor(random() * tiles)]!;
    const start = wordStart(base.start + Math.floor(random() * (base.end - base.start)));
    const end = wordEnd(Math.min(text.length, base.end + Math.floor(random() * 120)));
    if (end > start) spans.push({ start, end, label: BENCH_LABELS[(index + 1) % BENCH_LABELS.length]! });
  }
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  return { text, spans };
}

/** The document as the store imports it (the novel is BMP-only, so UTF-16 and code point offsets agree). */
export function toImported(title: string, document: { text: string; spans: Span[] }): ImportedDocument {
  const { text, normalisation } = normaliseText(document.text);
  return {
    document: { title, text },
    normalisation,
    annotations: document.spans.map((span, index) => ({ key: `T${index + 1}`, label: span.label, fragments: [[span.start, span.end]] })),
    relations: [],
  };
}

/** `count` news-length articles (1,500 to 6,000 characters) cut from the novel at seeded places. */
export function articles(count: number, seed: number): { title: string; text: string }[] {
  const source = novel();
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, index) => {
    const length = 1500 + Math.floor(random() * 4500);
    const start = Math.floor(random() * (source.length - length));
    const text = source.slice(start, start + length);
    return { title: `Article ${index + 1}: ${text.slice(0, 40).replace(/\s+/g, ' ').trim()}`, text };
  });
}
