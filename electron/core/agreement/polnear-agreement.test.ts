/**
 * The agreement figures of PolNeAR's `annotator-training/` (four articles, six annotators each), as the README
 * reports them: imported with the default options (each annotator's file a layer of its article), then the
 * `agreement` API call with its default bootstrap (200 samples, seed 1).
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { AgreementReport } from '../../shared/agreement.ts';
import { temporaryDir, workspacePath } from '../../test/helpers.ts';
import { openBackend } from '../backend.ts';
import { importPaths } from '../import/importer.ts';
import { DATA } from '../import/test/support.ts';

const TRAINING = join(DATA, 'corpora/polnear/annotator-training');
const dir = temporaryDir('parley-polnear-agreement-');
const round = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 1000);

describe('agreement on PolNeAR annotator-training', { skip: existsSync(TRAINING) ? false : `no ${TRAINING}: the shared data is not beside the repository` }, () => {
  it('gives the README’s figures', async () => {
    const backend = await openBackend(workspacePath(dir), { seedSamples: false });
    try {
      await importPaths(backend.workspace, [TRAINING]);
      const report = (await backend.dispatch('agreement', {})) as AgreementReport;
      assert.deepEqual([report.documents, report.annotators.length, report.pairs.length, report.leftOut], [4, 6, 15, []]);
      const { overall } = report;
      assert.deepEqual(
        [overall.unitizingAlpha, overall.labelAlpha, overall.fleissKappa, overall.f1Exact, overall.f1Overlap].map((figure) => [round(figure.value), figure.units]),
        [
          [0.828, 1305],
          [0.98, 244],
          [0.645, 362],
          [0.711, 1305],
          [0.806, 1305],
        ],
      );
      assert.deepEqual(overall.unitizingAlpha.interval?.map(round), [0.76, 0.869]);
      const byLabel = Object.fromEntries(report.byLabel.map((label) => [label.label, [round(label.unitizingAlpha.value), round(label.f1Overlap.value), label.spans]]));
      assert.deepEqual(byLabel['Source'], [0.657, 0.831, 307]);
      assert.deepEqual(byLabel['Cue'], [0.557, 0.809, 322]);
      assert.deepEqual(byLabel['Content'], [0.853, 0.823, 330]);
    } finally {
      await backend.close();
    }
  });
});
