import request from 'supertest';
import { testApp } from '../server/helpers';

/**
 * Routes the pane's fetch calls to a real proxy app (demo organisation, in-memory store) in-process,
 * as the browser would over HTTPS.
 */
export function fetchThroughProxy(app = testApp().app): void {
  (globalThis as { fetch?: unknown }).fetch = async (url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) => {
    const method = (init.method ?? 'GET').toLowerCase() as 'get' | 'post';
    let req = request(app)[method](url);
    for (const [k, v] of Object.entries(init.headers ?? {})) req = req.set(k, v);
    const res = init.body ? await req.send(init.body) : await req.buffer(true);
    const headers = res.headers as Record<string, string>;
    return {
      ok: res.status < 400,
      status: res.status,
      statusText: '',
      headers: { get: (name: string) => headers[name.toLowerCase()] ?? null },
      json: async () => res.body,
      blob: async () => new Blob([Buffer.isBuffer(res.body) ? new Uint8Array(res.body) : (res.text ?? '')]),
    };
  };
}
