import type { z } from 'zod';
import { errorBodySchema, queryString, routePath, routes } from '../../core/contract';
import type { ErrorCode, Problem, RouteAnswer, RouteDefinition, RouteInput, RouteName, Routes } from '../../core/contract';

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

/** The input is optional where a route takes nothing, or nothing that must be given. */
type Args<N extends RouteName> = object extends RouteInput<N> ? [input?: RouteInput<N>] : [input: RouteInput<N>];

/** Routes that answer with a file in some format. */
type FileRoute = { [N in RouteName]: Routes[N] extends { files: readonly string[] } ? N : never }[RouteName];

export type ApiClient = {
  /** Calls a route of the route table (core/contract/routes.ts) and parses its answer with the route's schema. */
  call<N extends RouteName>(name: N, ...input: Args<N>): Promise<RouteAnswer<N>>;
  /** A file the proxy renders (PDF, CSV), with the name it suggests. */
  download<N extends FileRoute>(name: N, ...input: Args<N>): Promise<{ blob: Blob; filename: string }>;
};

type AnyInput = { query?: Record<string, unknown>; body?: unknown; headers?: Record<string, string | undefined> } & Record<string, unknown>;

/**
 * The pane's one channel to the proxy: same origin, bearer session, paths and query strings built from
 * the route table only, and every answer parsed with its schema so that a mismatch shows up as an error,
 * not as bad cells.
 */
export function createApiClient(getToken: () => string | null, baseUrl = ''): ApiClient {
  async function send(name: RouteName, input: AnyInput = {}, accept = 'application/json'): Promise<Response> {
    const def: RouteDefinition = routes[name];
    const { query, body, headers: extra = {}, ...params } = input;
    const headers: Record<string, string> = { Accept: accept };
    for (const [key, value] of Object.entries(extra)) if (value !== undefined) headers[key] = value;
    const token = getToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${routePath(def.path, params)}${queryString(query)}`, {
        method: def.method,
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

  async function parse(response: Response, schema: z.ZodType): Promise<unknown> {
    const result = schema.safeParse(await response.json());
    if (!result.success) {
      throw new ApiError(response.status, 'internal', 'The proxy answered in a form this pane does not understand: reload the pane');
    }
    return result.data;
  }

  return {
    call: async (name, ...[input]) => {
      const response = await send(name, input as AnyInput | undefined);
      const schema: z.ZodType | null = routes[name].response;
      return (schema ? await parse(response, schema) : undefined) as RouteAnswer<typeof name>;
    },
    download: async (name, ...[input]) => {
      const response = await send(name, input as AnyInput | undefined, '*/*');
      const disposition = response.headers.get('content-disposition') ?? '';
      // The name as the proxy gave it (RFC 6266: filename* carries it in UTF-8; filename is its ASCII stand-in).
      const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
      const filename = utf8 ? decodeURIComponent(utf8) : (/filename="?([^";]+)"?/.exec(disposition)?.[1] ?? 'report');
      return { blob: await response.blob(), filename };
    },
  };
}
