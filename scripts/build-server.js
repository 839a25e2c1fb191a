// Bundles the proxy (server/ and core/) into dist/server.cjs, the file `npm start` runs: one plain JavaScript file,
// so the proxy starts without a TypeScript loader and runs its hot paths without the loader's per-closure helpers.
// Packages stay in node_modules (better-sqlite3 is native). dist/ sits beside server/, so server/paths.ts finds the
// repository root from either. Run by `npm run build`, by the tests' global setup and by the benchmarks.
const path = require('node:path');
const esbuild = require('esbuild');

const ROOT = path.resolve(__dirname, '..');
const SERVER_BUNDLE = path.join(ROOT, 'dist', 'server.cjs');
/** The plan threads' bundle (server/mapping/plan-thread.ts), run by the proxy's worker threads (server/mapping/checks-pool.ts). */
const CHECK_WORKER_BUNDLE = path.join(ROOT, 'dist', 'check-worker.cjs');

const bundle = (entry, outfile) =>
  esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: true,
    // Stack traces need only the mappings: without the sources' text the map is a third of the size, and Node reads it at every start.
    sourcesContent: false,
    outfile,
    logLevel: 'warning',
  });

function buildServer() {
  return Promise.all([
    bundle(path.join(ROOT, 'server', 'main.ts'), SERVER_BUNDLE),
    bundle(path.join(ROOT, 'server', 'mapping', 'plan-thread.ts'), CHECK_WORKER_BUNDLE),
  ]);
}

module.exports = { buildServer, SERVER_BUNDLE };

if (require.main === module) {
  buildServer().catch(() => {
    process.exitCode = 1;
  });
}
