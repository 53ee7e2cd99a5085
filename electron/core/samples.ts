import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqliteStore } from './sqlite/sqlite-store.ts';

interface SampleManifest {
  samples: { file: string; title: string; source: string; url?: string; language?: string }[];
}

/** Where the sample articles are: the repo's `electron/samples/`, or where a packaged app put them. */
export function samplesDir(): string {
  return process.env['PARLEY_SAMPLES_DIR'] ?? fileURLToPath(new URL('../samples/', import.meta.url));
}

const SEEDED_FLAG = 'samplesSeeded';

/**
 * Adds the sample articles to a workspace once, when it is first created. The flag is set even if the user
 * later deletes the samples, so they never reappear uninvited.
 */
export function seedSamples(store: SqliteStore, dir: string = samplesDir()): number {
  if (store.readFlag(SEEDED_FLAG)) return 0;
  const manifest = JSON.parse(readFileSync(join(dir, 'samples.json'), 'utf8')) as SampleManifest;
  return store.inTransaction(() => {
    for (const sample of manifest.samples) {
      store.insertDocument({
        title: sample.title,
        text: readFileSync(join(dir, sample.file), 'utf8'),
        source: sample.source,
        url: sample.url ?? null,
        language: sample.language ?? null,
        metadata: { sampleFile: sample.file },
        isSample: true,
      });
    }
    store.writeFlag(SEEDED_FLAG);
    return manifest.samples.length;
  });
}
