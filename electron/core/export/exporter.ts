/**
 * Exports: which documents and annotations to take, how to split them, and where the files go. The formats
 * (`formats/`) turn documents into records; this module streams documents to them one at a time, writes the
 * README, and moves a finished export into place atomically (see `output.ts`).
 */
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import type {
  ExportedData,
  ExportFilter,
  ExportOptions,
  ExportPreview,
  ExportSummary,
} from '../../shared/types.ts';
import { invalid } from '../errors.ts';
import type { ExportSelection, Workspace } from '../workspace.ts';
import type { ExportFormatModule, FormatContext, FormatWriter, WrittenRecord } from './format.ts';
import { EXPORT_FORMAT_MODULES } from './formats/index.ts';
import { LossLedger } from './losses.ts';
import { NOWHERE, Staging } from './output.ts';
import { renderReadme } from './readme.ts';
import { SPLIT_PARTS, splitDocuments, type SplitPart } from './split.ts';

export interface ExportProgress {
  documentsDone: number;
  documentsTotal: number;
}

export interface ExportRunOptions {
  /** Checked between documents: an aborted export stops there and leaves nothing behind. */
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgress) => void;
}

/** How many characters of the first record a preview shows. */
const PREVIEW_LENGTH = 4000;

/** An export checked against the workspace before any file is touched. */
interface ExportPlan {
  module: ExportFormatModule;
  context: FormatContext;
  filter: ExportFilter;
  selection: ExportSelection;
  split: { proportions: [number, number, number]; seed: number } | null;
  zip: boolean;
  workspace: string;
}

async function planExport(workspace: Workspace, options: ExportOptions): Promise<ExportPlan> {
  const module = EXPORT_FORMAT_MODULES[options.format];
  if (module.offsets === 'codepoints' && options.offsets === 'utf16') {
    throw invalid('offsets', `${module.title} defines its offsets in code points, so it cannot be written with UTF-16 offsets`);
  }
  const filter = options.filter ?? {};
  const { labels, relationTypes } = await workspace.readSchema();
  const known = new Map(labels.map((label) => [label.name.toLowerCase(), label]));
  const unknown = (filter.labels ?? []).filter((name) => !known.has(name.toLowerCase()));
  if (unknown.length > 0) {
    throw invalid('filter.labels', `there is no label ${unknown.map((name) => `"${name}"`).join(', ')} (labels: ${labels.map((l) => l.name).join(', ')})`);
  }
  const wanted = filter.labels?.length ? new Set(filter.labels.map((name) => name.toLowerCase())) : null;
  const context: FormatContext = {
    offsets: options.offsets ?? 'codepoints',
    labels: wanted ? labels.filter((label) => wanted.has(label.name.toLowerCase())) : labels,
    relationTypes,
    doccanoForm: options.doccanoForm ?? 'label',
    losses: new LossLedger(),
  };
  return {
    module,
    context,
    filter,
    selection: await workspace.selectExportDocuments(filter),
    split: options.split ? { proportions: options.split, seed: options.seed ?? 0 } : null,
    zip: options.zip ?? false,
    workspace: workspace.name,
  };
}

/**
 * Writes the export into the staging folder: the format's files, then the README (as `readmeName`, or not at
 * all when null). `dataFile` names the single file of a single-file format that is not split.
 */
async function writeExport(
  workspace: Workspace,
  plan: ExportPlan,
  folder: Staging,
  dataFile: string,
  readmeName: string | null,
  run: ExportRunOptions,
): Promise<ExportSummary> {
  const { module, context, selection } = plan;
  const session = module.start(context);
  const assignment = plan.split ? splitDocuments(selection.documentIds, plan.split.proportions, plan.split.seed) : null;
  const writers = new Map<SplitPart | 'all', FormatWriter>();
  if (assignment) {
    for (const part of SPLIT_PARTS) {
      writers.set(part, module.layout === 'folder' ? session.openPart(folder.folder(part), part) : session.openPart(folder, `${part}${module.extension}`));
    }
  } else {
    writers.set('all', session.openPart(folder, dataFile));
  }

  const counts = { documents: 0, annotations: 0, relations: 0 };
  const parts: Record<string, number> = assignment ? { train: 0, dev: 0, test: 0 } : {};
  const total = selection.documentIds.length;
  run.signal?.throwIfAborted();
  for await (const document of workspace.exportDocuments(selection.documentIds, plan.filter)) {
    run.signal?.throwIfAborted();
    const part = assignment?.get(document.document.id) ?? 'all';
    await writers.get(part)!.write(document);
    if (part !== 'all') parts[part]! += 1;
    counts.documents += 1;
    counts.annotations += document.annotations.length;
    counts.relations += document.relations.length;
    context.losses.add(
      'relations to annotations left out by the filter',
      'the label or origin filter excluded the source or the target of these relations',
      document.relationsFilteredOut,
    );
    run.onProgress?.({ documentsDone: counts.documents, documentsTotal: total });
  }
  for (const writer of writers.values()) await writer.end();
  await session.finish(folder);
  run.signal?.throwIfAborted();

  const summary: ExportSummary = {
    format: module.name,
    offsets: module.offsets === 'none' ? null : module.offsets === 'codepoints' ? 'codepoints' : context.offsets,
    ...counts,
    parts,
    lost: context.losses.list(),
    files: readmeName ? [...folder.files, readmeName] : [...folder.files],
  };
  if (readmeName) {
    const readme = folder.open(readmeName);
    await readme.write(
      renderReadme({ workspace: plan.workspace, formatTitle: module.title, summary, filter: plan.filter, split: plan.split, usage: module.usage(context) }),
    );
    await readme.close();
  }
  return summary;
}

/** True when the export is one file: a single-file format, not split and not zipped. */
function isSingleFile(plan: ExportPlan): boolean {
  return plan.module.layout === 'file' && !plan.split && !plan.zip;
}

/**
 * Exports to `out`: a file for a single-file format (with `<out>.README.md` beside it), a folder when the format
 * writes several files or the export is split, or a zip with `zip`. A file at `out` is replaced; a folder at
 * `out` must be empty. Nothing appears at `out` until the export has finished.
 */
export async function exportToPath(
  workspace: Workspace,
  options: ExportOptions,
  out: string,
  run: ExportRunOptions = {},
): Promise<ExportSummary> {
  const plan = await planExport(workspace, options);
  const staging = await Staging.create(out);
  try {
    const name = basename(out);
    let summary: ExportSummary;
    if (isSingleFile(plan)) {
      summary = await writeExport(workspace, plan, staging, name, `${name}.README.md`, run);
      await staging.publishFile(name, out);
      await staging.publishFile(`${name}.README.md`, `${out}.README.md`);
    } else {
      const dataFile = `${plan.zip && extname(name) === '.zip' ? name.slice(0, -4) : name}${plan.module.extension}`;
      summary = await writeExport(workspace, plan, staging, dataFile, 'README.md', run);
      if (plan.zip) await staging.publishZip(out);
      else await staging.publishFolder(out);
    }
    await staging.remove();
    return summary;
  } catch (error) {
    await staging.discard();
    throw error;
  }
}

/**
 * Runs an export in a temporary folder and returns it as one file: the data file of a single-file export
 * (its README is the summary), otherwise a zip of everything with the README.
 */
export async function exportToMemory(workspace: Workspace, options: ExportOptions, run: ExportRunOptions = {}): Promise<ExportedData> {
  const plan = await planExport(workspace, options);
  const staging = await Staging.create(join(tmpdir(), 'parley-export'));
  try {
    if (isSingleFile(plan)) {
      const fileName = `${plan.workspace}${plan.module.extension}`;
      const summary = await writeExport(workspace, plan, staging, fileName, null, run);
      const content = await readFile(staging.path(fileName));
      return { fileName, contentBase64: content.toString('base64'), summary };
    }
    const summary = await writeExport(workspace, plan, staging, `${plan.workspace}${plan.module.extension}`, 'README.md', run);
    const content = await readFile(await staging.zipInPlace());
    return { fileName: `${plan.workspace}-${plan.module.name}.zip`, contentBase64: content.toString('base64'), summary };
  } finally {
    await staging.discard();
  }
}

/** The record the export would write for its first document, and how many documents and annotations it takes. */
export async function previewFirstRecord(workspace: Workspace, options: ExportOptions): Promise<ExportPreview> {
  const plan = await planExport(workspace, options);
  const { documentIds, annotations } = plan.selection;
  const preview: ExportPreview = { record: '', truncated: false, documents: documentIds.length, annotations };
  if (documentIds.length === 0) return preview;
  const writer = plan.module.start(plan.context).openPart(NOWHERE, `preview${plan.module.extension}`);
  for await (const document of workspace.exportDocuments(documentIds.slice(0, 1), plan.filter)) {
    const record = recordText(await writer.write(document));
    preview.truncated = record.length > PREVIEW_LENGTH;
    preview.record = preview.truncated ? cutAt(record, PREVIEW_LENGTH) : record;
  }
  return preview;
}

/** A written record as text (each piece of bytes holds whole characters). */
function recordText(written: WrittenRecord): string {
  if (typeof written === 'string') return written;
  if (written instanceof Uint8Array) return Buffer.from(written.buffer, written.byteOffset, written.byteLength).toString('utf8');
  return written.map(recordText).join('');
}

/** The first `length` UTF-16 units of `text`, without splitting a surrogate pair. */
function cutAt(text: string, length: number): string {
  const code = text.charCodeAt(length - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? length - 1 : length);
}
