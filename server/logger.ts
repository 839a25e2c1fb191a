import pino from 'pino';
import type { Logger } from 'pino';

/** Paths that may carry secrets; pino replaces their values before anything is written. */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'headers.authorization',
  'authorization',
  'token',
  'tokenSet',
  'access_token',
  'refresh_token',
  'id_token',
  '*.access_token',
  '*.refresh_token',
  '*.id_token',
  'clientSecret',
  '*.clientSecret',
  'err.config.headers.Authorization',
  'err.config.headers.authorization',
  'err.config.data',
  'err.response.config.headers.Authorization',
  'err.response.config.headers.authorization',
  'err.request.headers.authorization',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, destination);
}
