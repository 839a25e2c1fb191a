import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { ErrorBody } from '../../core/contract';
import { AppError } from '../errors';
import { XeroError } from '../xero/errors';
import type { XeroErrorKind } from '../xero/errors';

const xeroCodes: Record<XeroErrorKind, [number, ErrorBody['error']['code']]> = {
  rate_limited: [429, 'rate_limited'],
  invalid_grant: [401, 'reconnect_needed'],
  unauthorised: [401, 'reconnect_needed'],
  forbidden: [403, 'forbidden'],
  not_found: [404, 'not_found'],
  validation: [400, 'bad_request'],
  server: [502, 'xero_unavailable'],
  network: [502, 'xero_unavailable'],
  malformed: [502, 'xero_unavailable'],
};

type HttpParserError = Error & { type?: string; status?: number; expose?: boolean; limit?: number };

/** The one place errors become HTTP answers: `{error:{code,message}}` with the status of their kind. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    let status = 500;
    let body: ErrorBody = { error: { code: 'internal', message: 'Something went wrong on the proxy; it has been logged' } };
    if (err instanceof AppError) {
      status = err.status;
      body = { error: { code: err.code, message: err.message, ...(err.problems ? { problems: err.problems } : {}) } };
    } else if (err instanceof XeroError) {
      const [xeroStatus, code] = xeroCodes[err.kind];
      status = xeroStatus;
      body = { error: { code, message: err.message } };
      if (err.retryAfter !== null) res.setHeader('Retry-After', String(err.retryAfter));
      logger.warn({ kind: err.kind, status: err.status, method: req.method, path: req.path }, 'Xero call failed');
    } else if ((err as { code?: string } | null)?.code === 'SQLITE_BUSY') {
      // The store stayed busy past its timeout: the request changed nothing, and may be sent again.
      status = 503;
      body = { error: { code: 'unavailable', message: 'The proxy is busy writing: nothing was changed; try again in a moment' } };
      res.setHeader('Retry-After', '1');
    } else if (/^SQLITE_(CORRUPT|NOTADB)/.test((err as { code?: string } | null)?.code ?? '')) {
      // A damaged page found while answering: most likely among the pull cache's records, which the check at start
      // does not look at (server/storage/db.ts), but SQLite does not say which table it was reading.
      status = 503;
      body = {
        error: {
          code: 'unavailable',
          message:
            'The proxy’s database is damaged (SQLite found a damaged page while reading it): restore it from a backup, or stop the proxy and move the file aside to start with an empty one (every user then connects to Xero again)',
        },
      };
    } else if (isClientError(err)) {
      ({ status, body } = clientErrorAnswer(err));
    }
    if (status >= 500) logger.error({ err, method: req.method, path: req.path }, 'request failed');
    else logger.debug({ code: body.error.code, method: req.method, path: req.path }, 'request refused');
    res.status(status).json(body);
  };
}

/** An error the body parser (or zlib under it) raised for the client's request: http-errors' `expose` and a 4xx status. */
function isClientError(err: unknown): err is HttpParserError {
  const e = err as HttpParserError;
  return e instanceof Error && typeof e.status === 'number' && e.status >= 400 && e.status < 500 && e.expose === true;
}

function clientErrorAnswer(err: HttpParserError): { status: number; body: ErrorBody } {
  if (err.type === 'entity.too.large') {
    const message = `The request body is larger than the proxy accepts (${err.limit} bytes): send fewer rows per request`;
    return { status: 413, body: { error: { code: 'payload_too_large', message } } };
  }
  if (err.type === 'encoding.unsupported') {
    return { status: 415, body: { error: { code: 'bad_request', message: `${err.message}: send the body as gzip, deflate, br or uncompressed` } } };
  }
  // A body that fails to inflate (zlib's errors carry no type) or that is not JSON.
  const what = err.type ? err.message : `it does not decompress as its Content-Encoding says (${err.message})`;
  return { status: 400, body: { error: { code: 'bad_request', message: `The request body could not be read: ${what}` } } };
}

export const notFoundHandler: RequestHandler = (req, res) => {
  const body: ErrorBody = { error: { code: 'not_found', message: `No such route: ${req.method} ${req.path}` } };
  res.status(404).json(body);
};
