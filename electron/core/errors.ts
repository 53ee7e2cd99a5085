import type { ApiErrorBody } from '../shared/types.ts';

/** An error meant for the person using Parley: a stable code, a plain message, and the field at fault. */
export class ParleyError extends Error {
  readonly code: ApiErrorBody['code'];
  readonly field: string | undefined;

  constructor(code: ApiErrorBody['code'], message: string, field?: string) {
    super(message);
    this.name = 'ParleyError';
    this.code = code;
    this.field = field;
  }

  toBody(): ApiErrorBody {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}

export function notFound(what: string, id: number | string): ParleyError {
  return new ParleyError('not_found', `${what} ${id} does not exist`);
}

export function invalid(field: string, message: string): ParleyError {
  return new ParleyError('invalid_params', `${field}: ${message}`, field);
}

export function conflict(message: string, field?: string): ParleyError {
  return new ParleyError('conflict', message, field);
}
