/** Small, dependency-free measurement helpers for `npm run bench`. */
import { mulberry32 } from '../core/export/split.ts';

export interface Figure {
  name: string;
  /** The figure compared with the target (usually the median). */
  value: number;
  unit: string;
  /** Human-readable target, e.g. "<= 5". */
  target: string;
  met: boolean;
  median?: number;
  min?: number;
  max?: number;
  p95?: number;
  runs?: number;
  /** Anything a reader needs to interpret the figure (sizes, what was compared). */
  detail?: string;
}

export interface Samples {
  median: number;
  min: number;
  max: number;
  p95: number;
  runs: number;
}

export function summarise(values: number[]): Samples {
  if (values.length === 0) throw new Error('no samples');
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, p95: at(0.95), runs: values.length };
}

/** Runs `work` `warmup` times unmeasured, then `runs` times, and returns the durations in milliseconds. */
export async function time(runs: number, warmup: number, work: (run: number) => unknown | Promise<unknown>): Promise<number[]> {
  for (let run = 0; run < warmup; run++) await work(-1 - run);
  const durations: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    await work(run);
    durations.push(performance.now() - start);
  }
  return durations;
}

/** A seeded pseudo-random generator: the same seed gives the same inputs on every run. */
export const seededRandom = mulberry32;

export function atMost(name: string, samples: Samples, limit: number, unit: string, detail?: string, pick: keyof Samples = 'median'): Figure {
  const value = samples[pick];
  return { name, value: round(value), unit, target: `<= ${limit}`, met: value <= limit, ...roundSamples(samples), ...(detail ? { detail } : {}) };
}

export function atLeast(name: string, samples: Samples, limit: number, unit: string, detail?: string): Figure {
  return { name, value: round(samples.median), unit, target: `>= ${limit}`, met: samples.median >= limit, ...roundSamples(samples), ...(detail ? { detail } : {}) };
}

function roundSamples(samples: Samples) {
  return { median: round(samples.median), min: round(samples.min), max: round(samples.max), p95: round(samples.p95), runs: samples.runs };
}

export function round(value: number): number {
  return Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 100) / 100;
}
