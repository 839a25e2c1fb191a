/**
 * xero-node rejects with a JSON string (its ApiError), with a `{response, body}` object for non-2xx
 * answers it did not throw on, or with an axios error (token endpoint). `parseXeroRejection` turns any of
 * them into one typed XeroError with the status, Retry-After and Xero's own message.
 */

export type XeroErrorKind = 'rate_limited' | 'unauthorised' | 'invalid_grant' | 'forbidden' | 'not_found' | 'validation' | 'server' | 'network' | 'malformed';

export class XeroError extends Error {
  override readonly name = 'XeroError';
  constructor(
    readonly kind: XeroErrorKind,
    message: string,
    readonly status: number,
    /** Seconds Xero asked us to wait (429). */
    readonly retryAfter: number | null = null,
    /** Which limit was hit: Xero's X-Rate-Limit-Problem header (minute, day, concurrent). */
    readonly limit: string | null = null,
  ) {
    super(message);
  }

  get retryable(): boolean {
    return this.kind === 'rate_limited' || this.kind === 'server' || this.kind === 'network';
  }
}

type Headers = Record<string, unknown>;
type Shape = {
  response?: { statusCode?: number; status?: number; headers?: Headers; body?: unknown; data?: unknown };
  body?: unknown;
  message?: string;
  code?: string;
};

function header(headers: Headers | undefined, name: string): string | null {
  if (!headers) return null;
  const getter = (headers as { get?: (n: string) => unknown }).get;
  if (typeof getter === 'function') {
    const v = getter.call(headers, name);
    if (v !== undefined && v !== null) return String(v);
  }
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name.toLowerCase()) return String(v);
  return null;
}

/** Xero's message from an error body: Detail/Message, the first validation error, or OAuth's error. */
function messageOf(body: unknown): string | null {
  if (typeof body === 'string') return body.slice(0, 300) || null;
  if (!body || typeof body !== 'object') return null;
  const b = body as Record<string, unknown>;
  const elements = b.Elements as Array<{ ValidationErrors?: Array<{ Message?: string }> }> | undefined;
  const validation = elements
    ?.flatMap((e) => e.ValidationErrors ?? [])
    .map((v) => v.Message)
    .filter(Boolean);
  if (validation && validation.length > 0) return validation.join('; ');
  for (const key of ['Detail', 'detail', 'Message', 'message', 'Title', 'title', 'error_description', 'error']) {
    if (typeof b[key] === 'string' && b[key]) return String(b[key]);
  }
  return null;
}

/** A read's error body arrives as text (see connections.ts): JSON in it is read as JSON. */
function jsonIfText(body: unknown): unknown {
  if (typeof body !== 'string' || !/^\s*[{[]/.test(body)) return body;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

export function parseXeroRejection(rejection: unknown): XeroError {
  if (rejection instanceof XeroError) return rejection;
  let shape: Shape | null = null;
  if (typeof rejection === 'string') {
    try {
      shape = JSON.parse(rejection) as Shape;
    } catch {
      return new XeroError('network', `Xero could not be reached: ${rejection.slice(0, 200)}`, 0);
    }
  } else if (rejection && typeof rejection === 'object') {
    shape = rejection as Shape;
  }
  if (!shape) return new XeroError('network', `Xero could not be reached: ${String(rejection)}`, 0);

  const response = shape.response ?? {};
  const status = Number(response.statusCode ?? response.status ?? 0);
  const headers = response.headers;
  const body = jsonIfText(response.body ?? response.data ?? shape.body);
  const xeroMessage = messageOf(body);

  if (status === 0) {
    const reason = shape.code ?? shape.message ?? (typeof body === 'string' ? body : 'no answer');
    return new XeroError('network', `Xero could not be reached (${reason})`, 0);
  }
  if (status === 429) {
    const retryAfter = Number(header(headers, 'retry-after') ?? '60');
    const limit = header(headers, 'x-rate-limit-problem');
    return new XeroError(
      'rate_limited',
      `Xero's ${limit ?? 'rate'} limit for this organisation was reached: try again in ${retryAfter} seconds`,
      429,
      Number.isFinite(retryAfter) ? retryAfter : 60,
      limit,
    );
  }
  const oauthError = body && typeof body === 'object' ? (body as Record<string, unknown>).error : undefined;
  if (oauthError === 'invalid_grant') {
    return new XeroError('invalid_grant', 'Xero no longer accepts this connection: connect to Xero again', status);
  }
  if (status === 401) return new XeroError('unauthorised', `Xero refused the access token${xeroMessage ? `: ${xeroMessage}` : ''}`, 401);
  if (status === 403) return new XeroError('forbidden', `Xero refused access to this organisation${xeroMessage ? `: ${xeroMessage}` : ''}`, 403);
  if (status === 404) return new XeroError('not_found', `Xero has no such record${xeroMessage ? `: ${xeroMessage}` : ''}`, 404);
  if (status >= 500) return new XeroError('server', `Xero answered ${status}${xeroMessage ? `: ${xeroMessage}` : ''}: try again shortly`, status);
  return new XeroError('validation', xeroMessage ?? `Xero refused the request (${status})`, status);
}
