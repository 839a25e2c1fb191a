import fs from 'node:fs';
import path from 'node:path';

/** ../shared beside the checkout: Xero's OpenAPI spec and the Office manifest schemas (present in CI). */
export const SHARED_DIR = path.resolve(__dirname, '..', '..', 'shared');

/** True when ../shared holds `sub`; otherwise prints one line saying what is skipped and why. */
export function sharedAvailable(sub: string, what: string): boolean {
  const present = fs.existsSync(path.join(SHARED_DIR, sub));
  if (!present) process.stderr.write(`skipped: ${what} (../shared/${sub} is absent)\n`);
  return present;
}
