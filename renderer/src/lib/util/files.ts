/** Reading files the analyst picked, and handing exports back as downloads. */
import type { ImportProblem } from '../../../../electron/shared/types.ts';
import { importBatches as pairedBatches } from '../../../../electron/shared/import-pairing.ts';

export interface PickedFile {
  /** The name to send: the file's path relative to a picked folder when there is one ("corpus/a.ann"). */
  name: string;
  file: File;
}

export function picked(files: FileList | readonly File[] | null | undefined): PickedFile[] {
  return [...(files ?? [])].map((file) => ({ name: file.webkitRelativePath || file.name, file }));
}

export function toBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsDataURL(file);
  });
}

/** `queued` with `added` after it, leaving out files whose name is already queued (the same file dropped twice). */
export function joinQueue(queued: readonly PickedFile[], added: readonly PickedFile[]): PickedFile[] {
  const seen = new Set(queued.map((f) => f.name));
  const joined = [...queued];
  for (const file of added) {
    if (seen.has(file.name)) continue;
    seen.add(file.name);
    joined.push(file);
  }
  return joined;
}

/**
 * The files grouped into import calls, one all-or-nothing unit each: a brat .ann travels with its .txt (and the
 * nearest annotation.conf), paired by name exactly as the importer pairs them (`importBatches` of
 * shared/import-pairing.ts, PolNeAR's `<article>_<annotator>.ann` included); every other file goes alone.
 */
export function importBatches(files: readonly PickedFile[]): PickedFile[][] {
  const byName = new Map(files.map((file) => [file.name, file]));
  return pairedBatches(files.map((file) => file.name)).map((batch) => batch.map((name) => byName.get(name)!));
}

/** The batches that failed in a run, and why. */
export interface FailedBatch {
  batch: PickedFile[];
  problems: ImportProblem[];
}

/** How much one import call carries: files up to this many bytes in all (a larger file goes alone), and batches. */
const CALL_MAX_BYTES = 8 * 1024 * 1024;
const CALL_MAX_BATCHES = 50;
/**
 * A run is cut into about this many calls at least, so its progress moves and Stop is taken soon. Fewer, larger
 * calls are faster (200 brat pairs: 9.0 s one pair a call, 3.1 s in 20 calls, 2.1 s in 10, `npm run bench`).
 */
const RUN_STEPS = 10;

/** The batches grouped into calls, in order, each call within the limits above. */
export function callsOf(batches: readonly PickedFile[][]): PickedFile[][][] {
  const perCall = Math.min(CALL_MAX_BATCHES, Math.max(1, Math.ceil(batches.length / RUN_STEPS)));
  const calls: PickedFile[][][] = [];
  let call: PickedFile[][] = [];
  let bytes = 0;
  for (const batch of batches) {
    const size = batch.reduce((sum, f) => sum + f.file.size, 0);
    if (call.length > 0 && (bytes + size > CALL_MAX_BYTES || call.length >= perCall)) {
      calls.push(call);
      call = [];
      bytes = 0;
    }
    call.push(batch);
    bytes += size;
  }
  if (call.length > 0) calls.push(call);
  return calls;
}

/** The batches of a call whose files a problem names, each with its problems. */
export function failedBatches(call: readonly PickedFile[][], problems: readonly ImportProblem[]): FailedBatch[] {
  const failed: FailedBatch[] = [];
  for (const batch of call) {
    const names = new Set(batch.map((f) => f.name));
    const own = problems.filter((problem) => names.has(problem.file));
    if (own.length > 0) failed.push({ batch, problems: own });
  }
  return failed;
}

/** Hands bytes to the browser as a download. */
export function download(fileName: string, base64: string): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes]));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

const KINDS: Record<string, string> = {
  txt: 'Text',
  text: 'Text',
  md: 'Text',
  markdown: 'Text',
  html: 'HTML',
  htm: 'HTML',
  xhtml: 'HTML',
  docx: 'Word',
  pdf: 'PDF',
  csv: 'CSV',
  tsv: 'TSV',
  tab: 'TSV',
  jsonl: 'JSONL',
  ndjson: 'JSONL',
  json: 'JSON',
  jsonld: 'JSON',
  ann: 'brat',
  conf: 'brat',
  conll: 'CoNLL',
  iob: 'CoNLL',
  iob2: 'CoNLL',
  bio: 'CoNLL',
  bioes: 'CoNLL',
  bilou: 'CoNLL',
};

/** What a file name says its kind is, as a short tag for the import queue ("brat", "CSV"); '' when only its content can tell. */
export function kindOfName(name: string): string {
  const dot = name.lastIndexOf('.');
  if (dot < 0 || dot < name.lastIndexOf('/')) return '';
  return KINDS[name.slice(dot + 1).toLowerCase()] ?? '';
}

/** Table and JSON files, whose text is in a column or field the user may have to name. */
export function hasTextField(name: string): boolean {
  return ['CSV', 'TSV', 'JSONL', 'JSON'].includes(kindOfName(name));
}

/** The Import dialog's name for an import option a problem's fix names. */
export const IMPORT_OPTION_NAMES: Record<NonNullable<ImportProblem['fix']>['option'], string> = {
  textField: 'Text column or field',
  format: 'Format',
};

/** A size in binary units, named as such (MiB, not MB), as the CLI and README give them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
