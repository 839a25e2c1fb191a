import type { Request } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { AppError } from '../errors';
import type { SqlStore } from '../storage/sql';
import { SqlLimitStore } from './limit-store';

/**
 * Where the counts are kept: in the shared store when proxies share one (DATABASE_URL), so that the limits hold
 * across all of them; otherwise in this process's memory.
 */
export type LimitCounts = { store: SqlStore | null };

/** At most `limit` requests a minute per key; over it, a 429 that says in words what to do. */
function perMinute(name: string, counts: LimitCounts, limit: number, keyOf: (req: Request) => string, message: string) {
  return rateLimit({
    ...(counts.store ? { store: new SqlLimitStore(counts.store, `${name}:`) } : {}),
    windowMs: 60_000,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: keyOf,
    handler: (_req, _res, next) => next(new AppError('rate_limited', message)),
    // That limiters are made when the app is (never in a request) is plain from createApp; the check takes a stack
    // trace per limiter, about 40 ms of every start with source maps on.
    validate: { creationStack: false },
  });
}

const byAddress = (req: Request) => ipKeyGenerator(req.ip ?? 'unknown');

/** Sign-in pages and demo sessions: per client address, so a script cannot mint sessions or states in bulk. */
export function signInLimit(counts: LimitCounts, limit = 30) {
  return perMinute('sign-in', counts, limit, byAddress, 'Too many sign-in requests from here: wait a minute and try again');
}

/** Writes (apply, revert): per session, so one runaway pane cannot flood the store or Xero. */
export function writeLimit(counts: LimitCounts, limit = 60) {
  return perMinute(
    'write',
    counts,
    limit,
    (req) => req.session?.tokenHash ?? byAddress(req),
    'Too many writes from this session in a minute: wait a moment and apply again (the same Idempotency-Key is safe to reuse)',
  );
}
