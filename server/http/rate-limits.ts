import type { Request } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { AppError } from '../errors';

/** Sign-in pages and demo sessions: per client address, so a script cannot mint sessions or states in bulk. */
export function signInLimit(limit = 30) {
  return rateLimit({
    windowMs: 60_000,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req: Request) => ipKeyGenerator(req.ip ?? 'unknown'),
    handler: (_req, _res, next) => next(new AppError('rate_limited', 'Too many sign-in requests from here: wait a minute and try again')),
  });
}

/** Writes (apply, revert): per session, so one runaway pane cannot flood the store or Xero. */
export function writeLimit(limit = 60) {
  return rateLimit({
    windowMs: 60_000,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req: Request) => req.session?.tokenHash ?? ipKeyGenerator(req.ip ?? 'unknown'),
    handler: (_req, _res, next) => next(new AppError('rate_limited', 'Too many writes from this session in a minute: wait a moment and apply again (the same Idempotency-Key is safe to reuse)')),
  });
}
