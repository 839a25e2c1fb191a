import type { RequestHandler } from 'express';
import type { ErrorBody } from '../../core/contract';

/** The host name of a Host header, lower case, without its port (`[::1]:3000` → `[::1]`). */
export function hostName(header: string | undefined): string {
  const host = (header ?? '').trim().toLowerCase();
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  return host.replace(/:\d+$/, '');
}

/**
 * Answers only the host names this proxy serves. A page on another site that points its own name at this
 * proxy's address (DNS rebinding) sends its own name as Host: refused with 421, before anything else runs.
 */
export function allowedHosts(hosts: readonly string[]): RequestHandler {
  const allowed = new Set(hosts.map((h) => h.toLowerCase()));
  return (req, res, next) => {
    const name = hostName(req.get('host'));
    if (allowed.has(name)) return next();
    const body: ErrorBody = {
      error: {
        code: 'forbidden',
        message: `This proxy does not answer for the host "${name || '(none)'}": use its own address, or add the name to ALLOWED_HOSTS`,
      },
    };
    res.status(421).set('Cache-Control', 'no-store').json(body);
  };
}
