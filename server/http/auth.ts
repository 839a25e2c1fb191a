import type { NextFunction, Request, Response } from 'express';
import type { Session, SessionStore } from '../sessions/sessions';
import { unauthorised } from '../errors';

declare module 'express-serve-static-core' {
  // Declaration merging needs an interface here.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface Request {
    session?: Session;
  }
}

export function bearerToken(req: Request): string | null {
  const header = req.get('authorization');
  const match = header ? /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(header.trim()) : null;
  return match?.[1] ?? null;
}

/** Requires `Authorization: Bearer <session>` and attaches the live session to the request. */
export function requireSession(sessions: SessionStore) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const token = bearerToken(req);
    if (!token) throw unauthorised('Sign in first: this request carries no session (Authorization: Bearer …)');
    const session = await sessions.find(token);
    if (!session) throw unauthorised('Your session has expired or was signed out: sign in again');
    req.session = session;
    next();
  };
}

export function sessionOf(req: Request): Session {
  if (!req.session) throw unauthorised('Sign in first');
  return req.session;
}
