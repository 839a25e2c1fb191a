/** Bundles the proxy into `dist/server.cjs` (see build-server.js). */
export function buildServer(): Promise<unknown>;
export const SERVER_BUNDLE: string;
