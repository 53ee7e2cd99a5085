import type { ApiErrorBody } from '../../shared/types.ts';
import { ParleyError } from '../errors.ts';

/**
 * An error as it crosses between threads: an Error arrives with its message only, so what callers look at is
 * sent as fields (a ParleyError's code and field; a system error's code, such as ENOTEMPTY).
 */
export type TransferredError =
  | { kind: 'parley'; body: ApiErrorBody }
  | { kind: 'error'; name: string; message: string; code?: string };

export function transferError(error: unknown): TransferredError {
  if (error instanceof ParleyError) return { kind: 'parley', body: error.toBody() };
  if (error instanceof Error) {
    const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
    return { kind: 'error', name: error.name, message: error.message, ...(code === undefined ? {} : { code }) };
  }
  return { kind: 'error', name: 'Error', message: String(error) };
}

export function rebuildError(error: TransferredError): Error {
  if (error.kind === 'parley') return new ParleyError(error.body.code, error.body.message, error.body.field);
  const rebuilt = new Error(error.message) as Error & { code?: string };
  rebuilt.name = error.name;
  if (error.code !== undefined) rebuilt.code = error.code;
  return rebuilt;
}
