import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { ErrorBody } from '../../core/contract';
import { AppError } from '../errors';

type HttpParserError = Error & { type?: string; status?: number; expose?: boolean; limit?: number };

/** The one place errors become HTTP answers: `{error:{code,message}}` with the status of their kind. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    let status = 500;
    let body: ErrorBody = { error: { code: 'internal', message: 'Something went wrong on the proxy; it has been logged' } };
    if (err instanceof AppError) {
      status = err.status;
      body = { error: { code: err.code, message: err.message, ...(err.problems ? { problems: err.problems } : {}) } };
    } else if (isParserError(err)) {
      if (err.type === 'entity.too.large') {
        status = 413;
        body = { error: { code: 'payload_too_large', message: `The request body is larger than the proxy accepts (${err.limit} bytes): send fewer rows per request` } };
      } else {
        status = 400;
        body = { error: { code: 'bad_request', message: `The request body could not be read: ${err.message}` } };
      }
    }
    if (status >= 500) logger.error({ err, method: req.method, path: req.path }, 'request failed');
    else logger.debug({ code: body.error.code, method: req.method, path: req.path }, 'request refused');
    res.status(status).json(body);
  };
}

function isParserError(err: unknown): err is HttpParserError {
  const e = err as HttpParserError;
  return e instanceof Error && typeof e.type === 'string' && typeof e.status === 'number' && e.status < 500 && e.expose === true;
}

export const notFoundHandler: RequestHandler = (req, res) => {
  const body: ErrorBody = { error: { code: 'not_found', message: `No such route: ${req.method} ${req.path}` } };
  res.status(404).json(body);
};
