import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { OffsetIndex } from '../shared/offsets.ts';
import { unpackAnnotations } from '../shared/packed-annotations.ts';
import type { Annotation, ApiMethod, ApiParams, ApiResult, OpenDocument } from '../shared/types.ts';
import type { Backend } from '../core/backend.ts';

/** A fresh folder for one test file's workspaces, removed when the file's tests end. */
export function temporaryDir(prefix = 'parley-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

let counter = 0;
/** A path for a new workspace file inside `dir`. */
export function workspacePath(dir: string): string {
  counter += 1;
  return join(dir, `workspace-${counter}.parley`);
}

/**
 * A document as `openDocument` sends it, with every annotation's whole record (`getAnnotation`, one by one) in
 * place of the packed summaries: what tests compare stored state with.
 */
export async function openInFull(
  backend: { dispatch(method: string, params: unknown): Promise<unknown> },
  id: number,
): Promise<Omit<OpenDocument, 'annotations'> & { annotations: Annotation[] }> {
  const open = (await backend.dispatch('openDocument', { id })) as OpenDocument;
  const annotations: Annotation[] = [];
  for (const summary of unpackAnnotations(open.annotations, open.document.text, new OffsetIndex(open.document.text))) {
    annotations.push((await backend.dispatch('getAnnotation', { id: summary.id })) as Annotation);
  }
  return { ...open, annotations };
}

/** A typed view of `dispatch`, the way every host calls the backend. */
export function typedApi(backend: Backend) {
  return <M extends ApiMethod>(method: M, params: ApiParams<M>) => backend.dispatch(method, params) as Promise<ApiResult<M>>;
}
