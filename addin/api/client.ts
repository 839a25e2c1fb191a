import type { z } from 'zod';
import { errorBodySchema } from '../../core/contract';
import type { ErrorCode, Problem } from '../../core/contract';

/** A refusal from the proxy, carrying its code, its message for the user and any per-row problems. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network',
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
  }
}

export type ApiClient = {
  get<T extends z.ZodType>(path: string, schema: T): Promise<z.infer<T>>;
  post<T extends z.ZodType>(path: string, schema: T, body?: unknown, headers?: Record<string, string>): Promise<z.infer<T>>;
  postNoContent(path: string): Promise<void>;
  /** A file the proxy renders (PDF, CSV), with the name it suggests. */
  download(path: string): Promise<{ blob: Blob; filename: string }>;
};

/**
 * The pane's one channel to the proxy: same origin, bearer session, and every answer parsed with
 * its schema from core/contract.ts so that a mismatch shows up as an error, not as bad cells.
 */
export function createApiClient(getToken: () => string | null, baseUrl = ''): ApiClient {
  async function send(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json', ...extra };
    const token = getToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, 'network', 'The Xero Bridge proxy cannot be reached: check that it is running');
    }
    if (!response.ok) {
      const parsed = errorBodySchema.safeParse(await response.json().catch(() => null));
      if (parsed.success) {
        const e = parsed.data.error;
        throw new ApiError(response.status, e.code, e.message, e.problems ?? []);
      }
      throw new ApiError(response.status, 'internal', `The proxy answered ${response.status} ${response.statusText}`);
    }
    return response;
  }

  async function parse<T extends z.ZodType>(response: Response, schema: T): Promise<z.infer<T>> {
    const result = schema.safeParse(await response.json());
    if (!result.success) {
      throw new ApiError(response.status, 'internal', 'The proxy answered in a form this pane does not understand: reload the pane');
    }
    return result.data;
  }

  return {
    get: async (path, schema) => parse(await send('GET', path), schema),
    post: async (path, schema, body, headers) => parse(await send('POST', path, body, headers), schema),
    postNoContent: async (path) => {
      await send('POST', path);
    },
    download: async (path) => {
      const response = await send('GET', path, undefined, { Accept: '*/*' });
      const disposition = response.headers.get('content-disposition') ?? '';
      const filename = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? 'report';
      return { blob: await response.blob(), filename };
    },
  };
}
