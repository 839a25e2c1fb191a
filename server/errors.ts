import type { ErrorCode, Problem } from '../core/contract';

const statusOf: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorised: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  xero_unavailable: 502,
  reconnect_needed: 401,
  unavailable: 503,
  internal: 500,
};

/** An error the proxy answers with a status and `{error:{code,message}}`. */
export class AppError extends Error {
  override readonly name = 'AppError';
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly problems?: Problem[],
  ) {
    super(message);
    this.status = statusOf[code];
  }
}

export const badRequest = (message: string, problems?: Problem[]) => new AppError('bad_request', message, problems);
export const unauthorised = (message: string) => new AppError('unauthorised', message);
export const notFound = (message: string) => new AppError('not_found', message);
