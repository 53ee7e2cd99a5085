/**
 * `parley suggest <workspace> [--document ID] [--json] [--threshold X] [--label L] [--command CMD] [--url URL]`:
 * runs the suggesters the workspace's settings choose (the built-in attribution model, string matching) and any
 * external recommender named here over the workspace's documents, and prints what they suggest. Nothing is
 * written to the workspace. `--json` prints one object per document: `{"document", "title", "suggestions":
 * [{"suggester", "label", "start", "end", "confidence", "kind"?, "speaker"?, "cue"?}]}` with code point offsets.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openBackend } from '../core/backend.ts';
import { ParleyError } from '../core/errors.ts';
import type { Settings } from '../shared/types.ts';
import { attributionModel } from '../core/suggest/builtin.ts';
import { externalRecommender } from '../core/suggest/external.ts';
import { runSuggesters } from '../core/suggest/run.ts';
import { stringMatching } from '../core/suggest/string-match.ts';
import { callerPath } from './caller-dir.ts';

export const SUGGEST_USAGE = `  suggest <workspace> [--document ID] [--json]
                                        Suggest quotes with their speaker and cue (the built-in model) and
                                        other occurrences of tagged spans (string matching); writes nothing
    --document ID                       Only this document (repeatable)
    --label L                           Only suggestions with label L (repeatable)
    --threshold X                       Only suggestions with confidence X or more (0 to 1; default: the
                                        workspace's setting, 0.5 unless changed)
    --command "PROGRAM ARGS"            Also ask an external recommender speaking JSON lines on its stdin and
                                        stdout (repeatable; see the README's Suggestions section)
    --url URL                           Also ask an external recommender over HTTP on this machine (repeatable)
    --json                              Print [{"document", "title", "suggestions": [...]}], code points`;

function usageError(message: string): ParleyError {
  return new ParleyError('invalid_params', `${message}\n\nUsage:\n${SUGGEST_USAGE}`);
}

export async function suggestCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      document: { type: 'string', multiple: true },
      label: { type: 'string', multiple: true },
      threshold: { type: 'string' },
      command: { type: 'string', multiple: true },
      url: { type: 'string', multiple: true },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(`Usage:\n${SUGGEST_USAGE}`);
    return 0;
  }
  if (positionals.length !== 1) throw usageError('parley suggest needs a workspace path');
  const documentIds = values.document?.map((id) => {
    const number = Number(id);
    if (!Number.isInteger(number) || number < 1) throw usageError(`--document takes a document id, a whole number, not "${id}"`);
    return number;
  });
  const threshold = values.threshold === undefined ? undefined : Number(values.threshold);
  if (threshold !== undefined && !(threshold >= 0 && threshold <= 1)) throw usageError(`--threshold takes a confidence from 0 to 1, not "${values.threshold}"`);
  const recommenders = [
    ...(values.command ?? []).map((line, index) => {
      const [command, ...commandArgs] = line.trim().split(/\s+/u);
      if (!command) throw usageError('--command takes a program to run, with its arguments');
      return externalRecommender({ name: `command ${index + 1}`, command, args: commandArgs });
    }),
    ...(values.url ?? []).map((url, index) => {
      if (!isLoopbackUrl(url)) throw usageError(`--url takes an http:// address on this machine (127.0.0.1, localhost, [::1]), not "${url}"`);
      return externalRecommender({ name: `url ${index + 1}`, url });
    }),
  ];
  const workspace = callerPath(positionals[0]!);
  if (!existsSync(workspace)) throw new ParleyError('not_found', `No workspace at ${workspace}`);

  const backend = await openBackend(workspace);
  try {
    const { suggestions: settings } = (await backend.dispatch('getSettings', {})) as Settings;
    const suggesters = [...(settings.attributionModel ? [attributionModel] : []), ...(settings.stringMatching ? [stringMatching] : []), ...recommenders];
    const labels = values.label ?? (settings.labels.length > 0 ? settings.labels : undefined);
    let results;
    try {
      results = await runSuggesters(backend, suggesters, {
        threshold: threshold ?? settings.threshold,
        ...(documentIds ? { documentIds } : {}),
        ...(labels ? { labels } : {}),
      });
    } finally {
      for (const recommender of recommenders) recommender.close?.();
    }
    if (values.json) {
      console.log(JSON.stringify(results));
      return 0;
    }
    for (const result of results) {
      console.log(`${result.document}  ${result.title}: ${result.suggestions.length} suggestion${result.suggestions.length === 1 ? '' : 's'}`);
      for (const suggestion of result.suggestions) {
        const speaker = suggestion.speaker ? `  speaker ${suggestion.speaker.start}–${suggestion.speaker.end}${suggestion.speaker.actorId === null ? '' : ` (actor ${suggestion.speaker.actorId})`}` : '';
        console.log(`  ${suggestion.label} ${suggestion.start}–${suggestion.end}  ${suggestion.confidence.toFixed(2)}  ${suggestion.suggester}${speaker}`);
      }
    }
    return 0;
  } finally {
    await backend.close();
  }
}

function isLoopbackUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}
