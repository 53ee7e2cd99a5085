import type { ExportLoss } from '../../shared/types.ts';

/** Instances kept per kind of loss: enough to find and fix them, bounded for a corpus where every span fails. */
const MAX_EXAMPLES = 100;

/**
 * What an export could not carry, counted as it goes. Each kind of loss is one entry, so a corpus with ten
 * thousand notes reports "notes: 10000" once rather than ten thousand lines.
 */
export class LossLedger {
  private readonly entries = new Map<string, ExportLoss>();

  add(what: string, reason: string, count = 1): void {
    if (count <= 0) return;
    const entry = this.entries.get(what);
    if (entry) entry.count += count;
    else this.entries.set(what, { what, count, reason });
  }

  /** Counts one instance of a loss and keeps a description of it (which document, which span). */
  addInstance(what: string, reason: string, example: string): void {
    this.add(what, reason);
    const entry = this.entries.get(what)!;
    entry.examples ??= [];
    if (entry.examples.length < MAX_EXAMPLES) entry.examples.push(example);
  }

  list(): ExportLoss[] {
    return [...this.entries.values()].map((entry) => ({ ...entry, ...(entry.examples ? { examples: [...entry.examples] } : {}) }));
  }
}
