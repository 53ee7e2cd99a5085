import { ImportFileError } from './problems.ts';

/** Parses a whole file as JSON, or fails naming the line of the syntax error. */
export function parseJsonFile(raw: string): unknown {
  try {
    return JSON.parse(raw.replace(/^\uFEFF/, ''));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(message);
    const line = position ? raw.slice(0, Number(position[1])).split('\n').length : undefined;
    throw new ImportFileError(`is not valid JSON (${message})`, line);
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON-LD and Label Studio allow a single value where a list is meant; this always gives the list. */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** An ISO 8601 timestamp the source gives, if it is one. */
export function timestamp(value: unknown): string | undefined {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : undefined;
}
