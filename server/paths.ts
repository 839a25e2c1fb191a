import path from 'node:path';

/** The repository root (this file lives in server/). */
export const ROOT = path.resolve(__dirname, '..');
/** Where webpack writes the built task pane. */
export const PANE_DIR = path.join(ROOT, 'dist', 'pane');
export const MANIFEST_PATH = path.join(ROOT, 'manifest.xml');
/** The built-in demo organisation: a snapshot of raw Xero API responses. */
export const DEMO_SNAPSHOT_DIR = path.join(ROOT, 'server', 'demo', 'snapshot');
