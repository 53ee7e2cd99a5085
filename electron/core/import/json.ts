import { MAX_JSON_DEPTH } from './limits.ts';
import { ImportFileError } from './problems.ts';

/** Parses a whole file as JSON, or fails naming the line of the syntax error. */
export function parseJsonFile(raw: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(raw.replace(/^\uFEFF/, ''));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(message);
    const line = position ? raw.slice(0, Number(position[1])).split('\n').length : undefined;
    throw new ImportFileError(`is not valid JSON (${message})`, line);
  }
  checkJsonDepth(value);
  return value;
}

/**
 * Refuses a parsed JSON value nested deeper than MAX_JSON_DEPTH, measured without recursion: the readers and the
 * store after it walk values recursively (10,000 levels overflow the stack; SQLite refuses 1,000).
 */
export function checkJsonDepth(value: unknown, line?: number): void {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: item, depth } = stack.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    if (depth >= MAX_JSON_DEPTH) throw new ImportFileError(`holds JSON nested more than ${MAX_JSON_DEPTH} levels deep, more than any record needs`, line);
    for (const child of Object.values(item)) stack.push({ value: child, depth: depth + 1 });
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

/**
 * A value of the file as text, for keys and messages. `String()` would call the value's own `toString` or
 * `valueOf`, and a JSON object such as `{"toString": 1}` makes it throw: objects and lists are shown as JSON.
 */
export function textOf(value: unknown): string {
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}
