import type { Request } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { AppError } from '../errors';

/** At most `limit` requests a minute per key; over it, a 429 that says in words what to do. */
function perMinute(limit: number, keyOf: (req: Request) => string, message: string) {
  return rateLimit({
    windowMs: 60_000,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: keyOf,
    handler: (_req, _res, next) => next(new AppError('rate_limited', message)),
  });
}

const byAddress = (req: Request) => ipKeyGenerator(req.ip ?? 'unknown');

/** Sign-in pages and demo sessions: per client address, so a script cannot mint sessions or states in bulk. */
export function signInLimit(limit = 30) {
  return perMinute(limit, byAddress, 'Too many sign-in requests from here: wait a minute and try again');
}

/** Writes (apply, revert): per session, so one runaway pane cannot flood the store or Xero. */
export function writeLimit(limit = 60) {
  return perMinute(
    limit,
    (req) => req.session?.tokenHash ?? byAddress(req),
    'Too many writes from this session in a minute: wait a moment and apply again (the same Idempotency-Key is safe to reuse)',
  );
}
