/**
 * Which format a file is in: from its extension where that settles it, from its content where it does not
 * (.json could be Label Studio, W3C or plain records; .dat and unknown extensions could be CoNLL). The user can
 * always say instead (`--format`), which overrides both.
 */
import { extname } from 'node:path';
import { IMPORT_FORMATS, type ImportFormat } from '../../shared/types.ts';
import { asList, isObject } from './json.ts';
import { textFieldOf } from './metadata.ts';

/** A format, or what only the content can settle: `json` (one of the JSON formats) or `sniff` (anything). */
export type PlannedFormat = ImportFormat | 'json' | 'sniff';

const BY_EXTENSION: Record<string, PlannedFormat> = {
  '.txt': 'text',
  '.text': 'text',
  '.md': 'text',
  '.markdown': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.docx': 'docx',
  '.pdf': 'pdf',
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.tab': 'tsv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.json': 'json',
  '.jsonld': 'json',
  '.ann': 'brat',
  '.conll': 'conll',
  '.iob': 'conll',
  '.iob2': 'conll',
  '.bio': 'conll',
  '.bioes': 'conll',
  '.bilou': 'conll',
};

/** Names people use for formats, besides the formats' own names. */
const FORMAT_ALIASES: Record<string, ImportFormat> = {
  txt: 'text',
  md: 'text',
  markdown: 'text',
  htm: 'html',
  doccano: 'jsonl',
  'label-studio': 'labelstudio',
  'web-annotation': 'w3c',
  iob: 'conll',
  bio: 'conll',
  bilou: 'conll',
  biluo: 'conll',
};

/** The format a user's `--format` value names, or undefined. */
export function formatNamed(name: string): ImportFormat | undefined {
  const lower = name.toLowerCase();
  return (IMPORT_FORMATS as readonly string[]).includes(lower) ? (lower as ImportFormat) : Object.hasOwn(FORMAT_ALIASES, lower) ? FORMAT_ALIASES[lower] : undefined;
}

/** The format a file name announces; `sniff` when the extension does not settle it. */
export function formatOfName(name: string): PlannedFormat {
  return (Object.hasOwn(BY_EXTENSION, extname(name).toLowerCase()) ? BY_EXTENSION[extname(name).toLowerCase()] : undefined) ?? 'sniff';
}

/** `O`, `B-X`, `I-X`, ... as the last column of a token line. */
const TAG_COLUMN = /(?:^|[\t ])(?:O|[BIESLU][-_]\S+)$/;

/**
 * The format a file's text shows: one of the JSON formats when it starts like JSON, CoNLL when its lines end in
 * IOB tags, undefined otherwise. Only the start of the text is looked at.
 */
export function formatOfContent(text: string, textField: string | undefined): ImportFormat | undefined {
  const head = text.replace(/^\uFEFF/, '').slice(0, 64 * 1024);
  const trimmed = head.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return jsonFormatOf(text, textField);
  const lines = head.split(/\r\n|\n|\r/).filter((line) => line.trim() && !line.startsWith('-DOCSTART-') && !line.startsWith('#')).slice(0, 200);
  if (lines.length > 0 && lines.every((line) => TAG_COLUMN.test(line.trimEnd()))) return 'conll';
  return undefined;
}

/**
 * Which JSON format a JSON file is: Label Studio tasks, W3C annotations, or records (JSON Lines or an array)
 * whose first one has the text field. Undefined for other JSON (spaCy's training format, say).
 */
function jsonFormatOf(text: string, textField: string | undefined): ImportFormat | undefined {
  let first: unknown;
  try {
    first = asList(JSON.parse(text.replace(/^\uFEFF/, '')))[0];
  } catch {
    // Not one JSON value: JSON Lines, if its first line is an object.
    const firstLine = text.replace(/^\uFEFF/, '').trimStart().split(/\r?\n/, 1)[0] ?? '';
    try {
      first = JSON.parse(firstLine);
    } catch {
      return undefined;
    }
  }
  if (!isObject(first)) return undefined;
  const types = asList(first['type']).map(String);
  const context = JSON.stringify(first['@context'] ?? '');
  if (context.includes('anno.jsonld') || types.some((type) => ['Annotation', 'AnnotationPage', 'AnnotationCollection'].includes(type))) return 'w3c';
  if (isObject(first['data']) && ('annotations' in first || 'predictions' in first)) return 'labelstudio';
  const fields = Object.keys({ ...(isObject(first['meta']) ? first['meta'] : {}), ...first });
  return textFieldOf(fields, textField) ? 'jsonl' : undefined;
}
