import { API_METHODS, type ApiMethod, type AsyncParleyApi } from '../../../../electron/shared/types.ts';
import { ApiError, toApiError } from './errors.ts';

/**
 * The API over HTTP (browser mode): `POST <base><method>` with the parameters as JSON. The server's auth cookie
 * rides along on same-origin requests.
 */
export function httpApi(base = '/api/', fetchImpl: typeof fetch = (input, init) => fetch(input, init)): AsyncParleyApi {
  const api: Partial<Record<ApiMethod, (params: unknown) => Promise<unknown>>> = {};
  for (const method of API_METHODS) {
    api[method] = async (params: unknown) => {
      let response: Response;
      try {
        response = await fetchImpl(`${base}${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify(params ?? {}),
          credentials: 'same-origin',
        });
      } catch (error) {
        throw new ApiError(method, 'network', `Parley's server could not be reached (${(error as Error).message ?? error}).`);
      }
      const text = await response.text();
      let body: unknown = undefined;
      if (text.length > 0) {
        try {
          body = JSON.parse(text);
        } catch {
          if (response.ok) throw new ApiError(method, 'internal', `The server sent a malformed answer to ${method}.`);
        }
      }
      if (!response.ok) {
        if (body && typeof body === 'object' && 'error' in body) throw toApiError(method, body);
        throw new ApiError(method, response.status === 401 || response.status === 403 ? 'invalid_params' : 'internal', `${method} failed: HTTP ${response.status} ${response.statusText}`.trim());
      }
      return body;
    };
  }
  return api as AsyncParleyApi;
}
