/**
 * The layering the code relies on, checked on the sources themselves: no circle of imports anywhere under
 * electron/ (type-only imports included), the SQLite store reached only through the backend that composes it,
 * and a domain that knows no storage.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ELECTRON = fileURLToPath(new URL('../', import.meta.url));

/** Relative module specifiers of `import … from`, `export … from`, `import('…')` and bare `import '…'`. */
export function importedSpecifiers(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'";]*?\bfrom\s*'([^']+)'|(?:^|\n)\s*import\s*'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/g)) {
    found.push(match[1] ?? match[2] ?? match[3]!);
  }
  return found;
}

/** The files each file imports, within the given files: an edge list keyed by path. */
function importGraph(root: string): Map<string, string[]> {
  const files = readdirSync(root, { recursive: true })
    .map((file) => join(root, String(file)))
    .filter((file) => file.endsWith('.ts') && !file.includes('node_modules'));
  const known = new Set(files);
  return new Map(
    files.map((file) => [
      file,
      importedSpecifiers(readFileSync(file, 'utf8'))
        .filter((specifier) => specifier.startsWith('.'))
        .map((specifier) => resolve(dirname(file), specifier))
        .filter((target) => known.has(target)),
    ]),
  );
}

/** Every cycle's files (each strongly connected component of more than one file, or a file importing itself). */
export function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  // Tarjan's algorithm, O(files + imports).
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) low.set(node, Math.min(low.get(node)!, index.get(target)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

describe('architecture', () => {
  const graph = importGraph(ELECTRON);
  const name = (file: string) => relative(ELECTRON, file);

  test('the checks find what they look for', () => {
    assert.deepEqual(importedSpecifiers("import type { A } from './a.ts';\nexport { b } from '../b.ts';\nimport './c.ts';\nconst d = await import('./d.ts');"), [
      './a.ts',
      '../b.ts',
      './c.ts',
      './d.ts',
    ]);
    const circle = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    assert.deepEqual(cycles(circle), [['a', 'b', 'c']]);
    assert.deepEqual(cycles(new Map([['a', ['a']]])), [['a']]);
    assert.deepEqual(cycles(new Map([['a', ['b']], ['b', []]])), []);
  });

  test('the sources were read', () => {
    assert.ok(graph.size > 100, `only ${graph.size} files found under ${ELECTRON}`);
    assert.ok(graph.get(join(ELECTRON, 'core/backend.ts'))!.includes(join(ELECTRON, 'core/sqlite/sqlite-store.ts')));
  });

  test('no circle of imports under electron/', () => {
    assert.deepEqual(cycles(graph).map((component) => component.map(name)), []);
  });

  test('only the backend, which composes the store, imports from core/sqlite/', () => {
    const outside = [...graph]
      .filter(([file]) => !name(file).startsWith('core/sqlite/') && name(file) !== 'core/backend.ts')
      .flatMap(([file, targets]) => targets.filter((target) => name(target).startsWith('core/sqlite/')).map((target) => `${name(file)} -> ${name(target)}`));
    assert.deepEqual(outside, []);
  });

  test('the domain knows no storage', () => {
    const storage = [...graph]
      .filter(([file]) => name(file).startsWith('core/domain/'))
      .flatMap(([file]) => {
        const source = readFileSync(file, 'utf8');
        return importedSpecifiers(source)
          .filter((specifier) => specifier === 'better-sqlite3' || specifier.includes('/sqlite/') || specifier === 'pg')
          .map((specifier) => `${name(file)} -> ${specifier}`);
      });
    assert.deepEqual(storage, []);
  });
});
