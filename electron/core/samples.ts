import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkspaceService } from './domain/workspace-service.ts';

interface SampleManifest {
  samples: { file: string; title: string; source: string; url?: string; language?: string }[];
}

/** Where the sample articles are: the repo's `electron/samples/`, or where a packaged app put them. */
export function samplesDir(): string {
  return process.env['PARLEY_SAMPLES_DIR'] ?? fileURLToPath(new URL('../samples/', import.meta.url));
}

/**
 * Adds the sample articles to a workspace once, when it is first created. Deleted samples never reappear
 * uninvited (the workspace remembers that it had them).
 */
export function seedSamples(workspace: WorkspaceService, dir: string = samplesDir()): Promise<number> {
  const manifest = JSON.parse(readFileSync(join(dir, 'samples.json'), 'utf8')) as SampleManifest;
  return workspace.addSamplesOnce(
    manifest.samples.map((sample) => ({
      title: sample.title,
      text: readFileSync(join(dir, sample.file), 'utf8'),
      source: sample.source,
      url: sample.url ?? null,
      language: sample.language ?? null,
      metadata: { sampleFile: sample.file },
    })),
  );
}
