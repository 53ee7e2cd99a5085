/**
 * The formats' own tools in `../shared/clients/` (see its README), run as child processes on an export: brat's
 * parser and verify_annotations, doccano-transformer, the Label Studio converter, and the W3C Working Group's
 * assertions with Apache Annotator. Each check returns the tool's complaint, or null when the tool accepted the
 * files. The Label Studio and W3C tools need their dependencies installed outside shared/ (`.ci/run` does it):
 * `LS_DEPS` and `W3C_NODE_MODULES` name the folders.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLIENTS = fileURLToPath(new URL('../../../../../shared/clients/', import.meta.url));

/** Why the tools cannot run here, or null when they can. */
export function clientsMissing(): string | null {
  return existsSync(join(CLIENTS, 'README.md')) ? null : `the formats' tools are not at ${CLIENTS} (../shared/clients beside the checkout)`;
}

/** Why the Label Studio converter cannot run, or null. */
export function labelStudioMissing(): string | null {
  const deps = process.env.LS_DEPS;
  return deps && existsSync(join(deps, '.ls-deps-complete')) ? null : 'LS_DEPS does not name a folder where ../shared/clients/label-studio-converter/ls-deps installed the converter\'s dependencies';
}

/** Why the W3C checks cannot run, or null. */
export function w3cMissing(): string | null {
  const modules = process.env.W3C_NODE_MODULES;
  return modules && existsSync(modules) ? null : 'W3C_NODE_MODULES does not name a folder where ../shared/clients/w3c/node/w3c-node-deps installed the W3C checks\' packages';
}

function run(command: string, args: string[], env: Record<string, string> = {}): { status: number | null; output: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', ...env }, maxBuffer: 256 * 1024 * 1024 });
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

function complaint(result: { status: number | null; output: string }, expectSilence = false): string | null {
  if (result.status === 0 && (!expectSilence || result.output.trim() === '')) return null;
  return `exit ${String(result.status)}: ${result.output.slice(0, 4000)}`;
}

function annFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true }).map(String).filter((name) => name.endsWith('.ann')).map((name) => join(folder, name));
}

/** brat's parser reads every .ann with its .txt, and verify_annotations checks them against annotation.conf. */
export function bratAccepts(folder: string): string | null {
  const files = annFiles(folder);
  if (files.length === 0) return 'the export has no .ann files';
  return complaint(run(join(CLIENTS, 'brat/brat-validate'), files)) ?? complaint(run(join(CLIENTS, 'brat/brat-verify'), [folder]), true);
}

/** doccano-transformer turns the JSONL into CoNLL 2003. */
export function doccanoTransformerAccepts(file: string): string | null {
  return complaint(run(join(CLIENTS, 'doccano-transformer/doccano-to-conll'), [file]));
}

/** The Label Studio converter reads tasks.json with the labeling config, into CONLL2003 and JSON_MIN. */
export function labelStudioAccepts(folder: string): string | null {
  for (const format of ['CONLL2003', 'JSON_MIN']) {
    const out = mkdtempSync(join(tmpdir(), 'parley-ls-'));
    const result = run(
      join(CLIENTS, 'label-studio-converter/ls-convert'),
      [join(folder, 'labeling-config.xml'), join(folder, 'tasks.json'), out, format],
      { LS_DEPS: process.env.LS_DEPS! },
    );
    const problem = complaint(result);
    if (problem) return `${format}: ${problem}`;
  }
  return null;
}

/**
 * Documents whose selectors Apache Annotator resolves per W3C check: one run of the checker per document (it
 * takes one source text), so a corpus of a thousand texts is checked on an even sample of them.
 */
const SELECTOR_CHECK_DOCUMENTS = 60;

/**
 * The W3C assertions pass on the whole collection, and Apache Annotator resolves every selector of a
 * document's annotations against that document's text (`texts`: the text of each target source), for every
 * document or an even sample of SELECTOR_CHECK_DOCUMENTS.
 */
export function w3cAccepts(file: string, items: { target: unknown }[], texts: Map<string, string>): string | null {
  const modules = process.env.W3C_NODE_MODULES!;
  const validated = complaint(run(process.execPath, [join(CLIENTS, 'w3c/node/w3c_anno_validate.mjs'), '--modules', modules, file]));
  if (validated) return validated;
  const bySource = new Map<string, unknown[]>();
  for (const item of items) {
    const targets = Array.isArray(item.target) ? item.target : [item.target];
    const source = (targets[0] as { source?: string } | undefined)?.source;
    if (typeof source === 'string' && texts.has(source)) bySource.set(source, [...(bySource.get(source) ?? []), item]);
  }
  const folder = mkdtempSync(join(tmpdir(), 'parley-w3c-'));
  let n = 0;
  const sources = [...bySource.keys()];
  const step = Math.max(1, Math.ceil(sources.length / SELECTOR_CHECK_DOCUMENTS));
  for (const source of sources.filter((_, index) => index % step === 0)) {
    const annotations = bySource.get(source)!;
    const text = join(folder, `${n}.txt`);
    const json = join(folder, `${n++}.json`);
    writeFileSync(text, texts.get(source)!);
    writeFileSync(json, JSON.stringify(annotations));
    const checked = run(process.execPath, [join(CLIENTS, 'w3c/node/w3c_selector_check.mjs'), '--modules', modules, text, json]);
    const problem = complaint(checked) ?? (/checked [1-9]\d* target\(s\)/.test(checked.output) ? null : `no selector was checked: ${checked.output}`);
    if (problem) return `${source}: ${problem}`;
  }
  return null;
}
