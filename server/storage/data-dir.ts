import fs from 'node:fs';
import path from 'node:path';

/**
 * The data folder holds the database (Xero's records, sessions, sealed tokens) and the secret key: owner-only.
 * From here on every file the process creates is owner-only (umask 077); the folder is made 0700, and anything in
 * it that is looser (a folder from an older version, a copied file) is tightened. Returns the paths it tightened.
 */
export function secureDataDir(dir: string): string[] {
  process.umask(0o077);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tightened: string[] = [];
  const visit = (p: string) => {
    const stat = fs.lstatSync(p);
    if (stat.isSymbolicLink()) return;
    const wanted = stat.isDirectory() ? 0o700 : 0o600;
    if ((stat.mode & 0o777) !== wanted && (stat.mode & 0o077) !== 0) {
      fs.chmodSync(p, wanted);
      tightened.push(p);
    }
    if (stat.isDirectory()) for (const name of fs.readdirSync(p)) visit(path.join(p, name));
  };
  visit(dir);
  return tightened;
}
