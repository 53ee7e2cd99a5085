/**
 * From the files of an import to its jobs, each imported in one transaction: one job per file, except brat,
 * where a job is an .ann with its .txt and the nearest annotation.conf, paired by name as
 * `shared/import-pairing.ts` describes (PolNeAR's `<article>_<annotator>.ann` included). An .ann named on its
 * own also finds its .txt and annotation.conf next to it on disk, and a .txt named on its own (a shell's `*.txt`)
 * its .ann and annotation.conf. A .txt that no .ann claims is a plain text; an uploaded one, whose folder cannot
 * be looked at, says how to import its annotations when brat files came with it.
 */
import { posix } from 'node:path';
import { bratAnnotator, bratTextStems, nearestBratConfig, pairBratFiles } from '../../shared/import-pairing.ts';
import type { ImportFormat, ImportProblem } from '../../shared/types.ts';
import { isExportReadme } from '../export/readme.ts';
import { decodeText } from './decode.ts';
import { formatOfContent, formatOfName, type PlannedFormat } from './detect.ts';
import type { InputFile } from './files.ts';
import { parseAnnotationConf, type BratConfig } from './formats/brat-conf.ts';
import { parseBrat } from './formats/brat.ts';
import { parseConll } from './formats/conll.ts';
import { parseDocx } from './formats/docx.ts';
import { parseJsonRecords } from './formats/doccano.ts';
import { parseHtml } from './formats/html.ts';
import { parseLabelStudio } from './formats/labelstudio.ts';
import { withParleyJsonl } from './formats/parley.ts';
import { parsePdf } from './formats/pdf.ts';
import { tableParser } from './formats/table.ts';
import { parseText } from './formats/text.ts';
import { parseW3c } from './formats/w3c.ts';
import { MAX_IMPORT_FILE_BYTES } from './limits.ts';
import { isSandboxed, type FileParser, type ParseContext, type ParseOptions, type ParseResult } from './parse.ts';
import { ImportFileError, type FileProblem } from './problems.ts';

interface ImportJob {
  /** The file the job's problems are reported against: the file itself, or a brat pair's .ann. */
  file: string;
  run(options: ParseOptions, context: ParseContext): Promise<ParseResult>;
}

interface ImportPlan {
  jobs: ImportJob[];
  skipped: { file: string; reason: string }[];
  errors: ImportProblem[];
}

const PARSERS: Record<Exclude<ImportFormat, 'brat'>, FileParser> = {
  text: parseText,
  html: parseHtml,
  docx: parseDocx,
  pdf: parsePdf,
  csv: tableParser('csv'),
  tsv: tableParser('tsv'),
  jsonl: withParleyJsonl(parseJsonRecords),
  labelstudio: parseLabelStudio,
  w3c: parseW3c,
  conll: parseConll,
};

const BRAT_CONFIG = 'annotation.conf';
/** brat's other configuration files: how its UI shows and edits things, nothing to import. */
const BRAT_UI_SETTINGS = new Set(['visual.conf', 'tools.conf', 'kb_shortcuts.conf']);

const isAnn = (file: InputFile) => file.base.toLowerCase().endsWith('.ann');
const isTxt = (file: InputFile) => file.base.toLowerCase().endsWith('.txt');

/** Plans the import of `files`; `format` (the user's `--format`) overrides detection for every file. */
export function planImport(files: InputFile[], format: ImportFormat | undefined): ImportPlan {
  const plan: ImportPlan = { jobs: [], skipped: [], errors: [] };
  const order = new Map(files.map((file, index) => [file, index]));
  const configs: InputFile[] = [];
  const anns: InputFile[] = [];
  const texts: InputFile[] = [];
  const others: { file: InputFile; format: PlannedFormat }[] = [];

  for (const file of files) {
    if (format === 'brat') {
      if (isAnn(file)) anns.push(file);
      else if (isTxt(file)) texts.push(file);
      else if (file.base === BRAT_CONFIG) configs.push(file);
      else plan.errors.push({ file: file.name, message: 'is not a .txt or .ann file, which is all brat has' });
      continue;
    }
    if (!format && file.base === BRAT_CONFIG) configs.push(file);
    else if (!format && BRAT_UI_SETTINGS.has(file.base)) plan.skipped.push({ file: file.name, reason: 'brat display settings, not annotations' });
    else {
      const planned = format ?? formatOfName(file.base);
      if (planned === 'brat') anns.push(file);
      else if (planned === 'text' && isTxt(file)) texts.push(file);
      else others.push({ file, format: planned });
    }
  }

  const byName = new Map([...texts, ...configs].map((file) => [file.name, file]));
  const pairs = pairBratFiles([...texts, ...anns].map((file) => file.name));
  const configNames = configs.map((file) => file.name);
  const configCache = new Map<string, Promise<BratConfig>>();
  const jobs: { order: number; job: ImportJob }[] = [];
  for (const ann of anns) {
    const pair = pairs.get(ann.name);
    const config = nearestBratConfig(ann.name, configNames);
    const found = pair ? { text: byName.get(pair.text)!, ...(pair.annotator ? { annotator: pair.annotator } : {}) } : undefined;
    jobs.push({ order: order.get(ann)!, job: bratJob(ann, found, config ? byName.get(config) : undefined, configCache) });
  }
  const paired = new Set([...pairs.values()].map((pair) => pair.text));
  const withBratFiles = anns.length > 0 || configs.length > 0;
  for (const text of texts) {
    if (paired.has(text.name)) continue;
    if ((format === undefined || format === 'brat') && !text.inFolder && text.onDisk) jobs.push({ order: order.get(text)!, job: namedTextJob(text, configCache) });
    else if (format === undefined && !text.onDisk && withBratFiles) jobs.push({ order: order.get(text)!, job: unpairedUploadJob(text) });
    else others.push({ file: text, format: 'text' });
  }
  for (const { file, format: planned } of others) jobs.push({ order: order.get(file)!, job: singleFileJob(file, planned, format !== undefined) });
  plan.jobs = jobs.sort((a, b) => a.order - b.order).map(({ job }) => job);
  return plan;
}

/**
 * An .ann with its .txt and annotation.conf. An .ann named on its own (not found in a folder) whose partners
 * are not among the import's files looks for them next to itself when the job runs.
 */
function bratJob(
  ann: InputFile,
  paired: { text: InputFile; annotator?: string } | undefined,
  configFile: InputFile | undefined,
  configCache: Map<string, Promise<BratConfig>>,
): ImportJob {
  return {
    file: ann.name,
    run: async () => {
      const pair =
        paired ??
        (ann.inFolder ? undefined : await besideOnDisk(ann)) ??
        fail(`has no .txt to go with it (looked for ${bratTextStems(ann.name)[0]}.txt, also by prefix, in the import and next to it)`);
      const configInput = configFile ?? (ann.inFolder ? undefined : await ann.sibling(BRAT_CONFIG));
      const config = configInput ? await cachedConfig(configInput, configCache) : undefined;
      const [textBytes, annBytes] = [await readChecked(pair.text), await readChecked(ann)];
      return parseBrat({ text: pair.text, ann, ...(pair.annotator ? { annotator: pair.annotator } : {}), ...(config ? { config } : {}) }, textBytes, annBytes);
    },
  };
}

/**
 * A .txt named on its own: with the .ann of the same name next to it on disk (and the annotation.conf there),
 * it is that brat document; otherwise a plain text.
 */
function namedTextJob(text: InputFile, configCache: Map<string, Promise<BratConfig>>): ImportJob {
  const plain = singleFileJob(text, 'text', false);
  return {
    file: text.name,
    run: async (options, context) => {
      const ann = await text.sibling(`${text.base.slice(0, -'.txt'.length)}.ann`);
      if (!ann) return plain.run(options, context);
      // The job is reported under the .txt's name, so what is wrong in the .ann names the .ann.
      const inAnn = (problem: FileProblem): FileProblem => ({ ...problem, file: problem.file ?? ann.name });
      try {
        const result = await bratJob(ann, { text }, undefined, configCache).run(options, context);
        return { ...result, warnings: result.warnings.map(inAnn) };
      } catch (error) {
        if (error instanceof ImportFileError) throw new ImportFileError(error.problems.map(inAnn));
        throw error;
      }
    },
  };
}

/** An uploaded .txt that no .ann of the import claims, while brat files came with it: imported as plain text, with a word on how to get its annotations. */
function unpairedUploadJob(text: InputFile): ImportJob {
  const plain = singleFileJob(text, 'text', false);
  const ann = `${text.base.slice(0, -'.txt'.length)}.ann`;
  return {
    file: text.name,
    run: async (options, context) => {
      const result = await plain.run(options, context);
      const message = `was imported as plain text: no ${ann} came with it. If it has brat annotations, import ${text.base} together with ${ann} (both files, or their folder)`;
      return { ...result, warnings: [...result.warnings, { message }] };
    },
  };
}

/** The .txt next to an .ann on disk, by the same names the pairing tries. */
async function besideOnDisk(ann: InputFile): Promise<{ text: InputFile; annotator?: string } | undefined> {
  for (const stem of bratTextStems(ann.name)) {
    const text = await ann.sibling(`${stem}.txt`);
    const annotator = bratAnnotator(ann.name, stem);
    if (text) return annotator ? { text, annotator } : { text };
  }
  return undefined;
}

function singleFileJob(file: InputFile, planned: PlannedFormat, forced: boolean): ImportJob {
  return {
    file: file.name,
    run: async (options, context) => {
      const bytes = await readChecked(file);
      const format = forced ? (planned as ImportFormat) : settleFormat(file, planned, bytes, options.textField);
      if (format === undefined) {
        return { documents: [], warnings: [], skipped: [{ where: '', reason: 'not a file type Parley imports' }] };
      }
      if (format === 'text' && /readme/i.test(file.base) && isExportReadme(decodeText(bytes).text)) {
        return { documents: [], warnings: [], skipped: [{ where: '', reason: 'the README of a Parley export, which describes the export' }] };
      }
      // Only a forced --format brat names brat here, and it sends .ann files to brat jobs.
      if (format === 'brat') throw new ImportFileError('is read as brat only as an .ann with its .txt');
      if (options.sandbox && isSandboxed(format)) return options.sandbox.parse(format, file, bytes, options);
      return PARSERS[format](file, bytes, options, context);
    },
  };
}

/**
 * The format of a file whose extension does not settle it, from its content. Undefined for a file found in a
 * folder that is nothing Parley imports (it is skipped); a named file like that is an error.
 */
function settleFormat(file: InputFile, planned: PlannedFormat, bytes: Uint8Array, textField: string | undefined): ImportFormat | undefined {
  if (planned !== 'json' && planned !== 'sniff' && planned !== 'tsv') return planned;
  let text: string;
  try {
    text = decodeText(bytes).text;
  } catch (error) {
    if (planned === 'sniff' && file.inFolder) return undefined;
    throw error;
  }
  const detected = formatOfContent(text, textField);
  if (planned === 'tsv') return detected === 'conll' ? 'conll' : 'tsv';
  if (planned === 'json' && detected !== 'conll' && detected !== undefined) return detected;
  if (planned === 'json') {
    throw new ImportFileError({
      message: 'is not JSON that Parley knows: not Label Studio tasks, W3C annotations, or records with a text field',
      fix: { option: 'textField' },
    });
  }
  if (detected) return detected;
  if (file.inFolder) return undefined;
  throw new ImportFileError({
    message: `is of a type Parley does not recognise (${posix.extname(file.base) || 'no extension'}); say which format it is in`,
    fix: { option: 'format' },
  });
}

async function readChecked(file: InputFile): Promise<Uint8Array> {
  if (file.size > MAX_IMPORT_FILE_BYTES) {
    const mebibytes = (size: number) => `${Math.round(size / (1024 * 1024))} MiB`;
    throw new ImportFileError(`is ${mebibytes(file.size)}; Parley imports files of up to ${mebibytes(MAX_IMPORT_FILE_BYTES)}: split it into smaller files`);
  }
  const bytes = await file.read();
  if (bytes.length > MAX_IMPORT_FILE_BYTES) throw new ImportFileError(`grew beyond ${MAX_IMPORT_FILE_BYTES} bytes while being read`);
  return bytes;
}

function fail(message: string): never {
  throw new ImportFileError(message);
}

function cachedConfig(file: InputFile, cache: Map<string, Promise<BratConfig>>): Promise<BratConfig> {
  let config = cache.get(file.name);
  if (!config) {
    config = readChecked(file)
      .then((bytes) => parseAnnotationConf(decodeText(bytes).text))
      .catch((error: unknown) => {
        // A broken annotation.conf fails the .ann files that use it; the problem is the conf's.
        if (error instanceof ImportFileError) throw new ImportFileError(error.problems.map((problem) => ({ ...problem, file: file.name })));
        throw error;
      });
    cache.set(file.name, config);
  }
  return config;
}
