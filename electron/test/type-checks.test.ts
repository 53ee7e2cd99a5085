// The compile-time checks (AllMethodsListed in shared/types.ts, SchemasMatchTypes in core/schemas.ts) prove
// something only if they can fail. Each is compiled here by the real TypeScript compiler with the options
// `npm run typecheck` uses: as it is, which must compile, and with one deliberate drift, which must not.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import ts from 'typescript';

const TYPES = fileURLToPath(new URL('../shared/types.ts', import.meta.url));
const SCHEMAS = fileURLToPath(new URL('../core/schemas.ts', import.meta.url));
const TSCONFIG = fileURLToPath(new URL('../tsconfig.json', import.meta.url));

const config = ts.getParsedCommandLineOfConfigFile(TSCONFIG, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (diagnostic) => assert.fail(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')) })!;
const host = ts.createCompilerHost(config.options);
const readSourceFile = host.getSourceFile.bind(host);
/** Files as they are on disk, parsed once for every compilation in this file (the Node and zod types are large). */
const parsed = new Map<string, ts.SourceFile | undefined>();

/**
 * Type-checks `root` and what it imports, with the text of the files in `replaced` instead of what is on disk.
 * Returns the errors as "file:line: message", with file relative to electron/.
 */
function typeErrors(root: string, replaced: Record<string, string> = {}): string[] {
  const program = ts.createProgram({
    rootNames: [root],
    options: config.options,
    host: {
      ...host,
      getSourceFile(fileName, languageVersion) {
        const text = replaced[fileName];
        if (text !== undefined) return ts.createSourceFile(fileName, text, languageVersion, true);
        if (!parsed.has(fileName)) parsed.set(fileName, readSourceFile(fileName, languageVersion));
        return parsed.get(fileName);
      },
    },
  });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    // The head of TypeScript's chain of messages (the rest explains it), which names the types that differ.
    const message = typeof diagnostic.messageText === 'string' ? diagnostic.messageText : diagnostic.messageText.messageText;
    if (!diagnostic.file) return message;
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    return `${diagnostic.file.fileName.replace(/^.*\/electron\//, '')}:${line + 1}: ${message}`;
  });
}

/** The file's text with `from` replaced by `to`; `from` must occur exactly once, so that a test cannot drift silently. */
function edited(path: string, from: string, to: string): string {
  const text = readFileSync(path, 'utf8');
  assert.equal(text.split(from).length, 2, `${path} must hold ${JSON.stringify(from)} exactly once`);
  return text.replace(from, to);
}

/** 1-based line of the one line of `text` that contains `marker`. */
function lineOf(text: string, marker: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(marker));
  assert.notEqual(index, -1, `no line with ${marker}`);
  return index + 1;
}

describe('AllMethodsListed (shared/types.ts)', () => {
  /** The check's error, in `text`: the types.ts compiled. */
  const checkFails = (text: string) => [`shared/types.ts:${lineOf(text, 'export type AllMethodsListed')}: Type 'false' does not satisfy the constraint 'true'.`];

  it('compiles as it is', () => {
    assert.deepEqual(typeErrors(TYPES), []);
  });

  it('fails when a method of ParleyApi is missing from API_METHODS', () => {
    const drifted = edited(TYPES, "  'restoreBackup',\n] as const", '] as const');
    assert.deepEqual(typeErrors(TYPES, { [TYPES]: drifted }), checkFails(drifted));
  });

  it('fails when ParleyApi gains a method that API_METHODS does not list', () => {
    const drifted = edited(TYPES, 'export interface ParleyApi {\n', 'export interface ParleyApi {\n  ping(params: Record<string, never>): { pong: true };\n');
    assert.deepEqual(typeErrors(TYPES, { [TYPES]: drifted }), checkFails(drifted));
  });
});

describe('SchemasMatchTypes (core/schemas.ts)', () => {
  /** The check's error naming `methods`, in `text`: the schemas.ts compiled. */
  const drift = (text: string, ...methods: string[]) => [
    `core/schemas.ts:${lineOf(text, 'export type SchemasMatchTypes')}: Type '${methods.map((method) => `"${method}"`).join(' | ')}' does not satisfy the constraint 'never'.`,
  ];
  /** Compiles schemas.ts with `from` replaced by `to`, and returns the errors and the error the drift of `methods` makes. */
  const schemaDrift = (from: string, to: string, ...methods: string[]): [string[], string[]] => {
    const drifted = edited(SCHEMAS, from, to);
    return [typeErrors(SCHEMAS, { [SCHEMAS]: drifted }), drift(drifted, ...methods)];
  };

  it('compiles as it is', () => {
    assert.deepEqual(typeErrors(SCHEMAS), []);
  });

  it('names the method whose schema lacks a field', () => {
    assert.deepEqual(...schemaDrift('      isSample: z.boolean().optional(),\n', '', 'createDocument'));
  });

  it('names the method whose schema has a field its type lacks', () => {
    assert.deepEqual(
      ...schemaDrift(
        'listDocuments: z.object({ query: shortText(1000).optional() })',
        'listDocuments: z.object({ query: shortText(1000).optional(), limit: z.number().optional() })',
        'listDocuments',
      ),
    );
  });

  it('names the method whose schema renames a field', () => {
    assert.deepEqual(...schemaDrift('      snapToWords: z.boolean().optional(),\n', '      snapToWord: z.boolean().optional(),\n', 'updateSettings'));
  });

  it('names the methods whose schema retypes a field, however deep', () => {
    // A fragment of three numbers, in an edit, in the edits array.
    assert.deepEqual(...schemaDrift('const fragment = z.tuple([offset, offset]);', 'const fragment = z.tuple([offset, offset, offset]);', 'edit'));
    assert.deepEqual(...schemaDrift('    zip: z.boolean().optional(),\n', "    zip: z.enum(['yes', 'no']).optional(),\n", 'exportPreview', 'exportData'));
  });

  it('names the methods whose schema makes an optional field required, or a nullable one not nullable', () => {
    assert.deepEqual(...schemaDrift('      isSample: z.boolean().optional(),\n', '      isSample: z.boolean(),\n', 'createDocument'));
    assert.deepEqual(
      ...schemaDrift(
        "    hotkey: z.string().regex(/^[^\\s]$/u, 'a single key').nullable().optional(),",
        "    hotkey: z.string().regex(/^[^\\s]$/u, 'a single key').optional(),",
        'createLabel',
        'updateLabel',
      ),
    );
  });

  it('names the method whose type drifts from its schema', () => {
    const drifted = edited(TYPES, '  publishedAt?: string | null;\n  language?: string | null;\n}\n\nexport interface LabelInput', '  publishedAt?: string;\n  language?: string | null;\n}\n\nexport interface LabelInput');
    assert.deepEqual(typeErrors(SCHEMAS, { [TYPES]: drifted }), drift(readFileSync(SCHEMAS, 'utf8'), 'updateDocument'));
  });
});
