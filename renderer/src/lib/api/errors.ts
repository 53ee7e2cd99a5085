import type { ApiErrorBody } from '../../../../electron/shared/types.ts';

/** A failed API call, as the renderer sees it whatever the transport: a message, a stable code, maybe a field. */
export class ApiError extends Error {
  readonly code: ApiErrorBody['code'] | 'network';
  readonly field: string | undefined;
  readonly method: string;

  constructor(method: string, code: ApiError['code'], message: string, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.method = method;
    this.code = code;
    this.field = field;
  }
}

const CODES = new Set<string>(['invalid_params', 'not_found', 'conflict', 'unknown_method', 'internal']);

/** Turns whatever a transport threw into an ApiError, keeping code and field when the error carried them. */
export function toApiError(method: string, error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (typeof error === 'object' && error !== null) {
    const record = error as { code?: unknown; message?: unknown; field?: unknown; error?: unknown };
    if (typeof record.error === 'object' && record.error !== null) return toApiError(method, record.error);
    const message = typeof record.message === 'string' ? record.message : String(error);
    const code = typeof record.code === 'string' && CODES.has(record.code) ? (record.code as ApiErrorBody['code']) : undefined;
    const field = typeof record.field === 'string' ? record.field : undefined;
    if (code) return new ApiError(method, code, message, field);
    // Errors that crossed Electron's IPC arrive as "Error invoking remote method '…': Error: message".
    const ipc = /Error invoking remote method '[^']*': (?:\w*Error: )?(.*)$/s.exec(message);
    return new ApiError(method, 'internal', ipc ? ipc[1]! : message, field);
  }
  return new ApiError(method, 'internal', String(error));
}
