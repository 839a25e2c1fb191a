import fs from 'node:fs';
import type { SqlRunner } from '../storage/sql';
import { SecretBox } from './secret-box';

/** The command that drops the stored Xero connections when their key is lost. */
export const RESET_COMMAND = 'npm run connections:reset';

export class KeyError extends Error {
  override readonly name = 'KeyError';
}

/**
 * The key that seals Xero token sets, checked against what the database holds: a missing key file, or a key that
 * opens none of the stored token sets, while sealed token sets exist, stops the start (one line says how to
 * recover) instead of making a new key and failing every Xero call later.
 */
export async function openSecretBox(store: SqlRunner, bridgeSecret: string | null, keyFile: string): Promise<SecretBox> {
  const sealed = await store.all<{ id: string; token_set: string }>('SELECT id, token_set FROM xero_connections ORDER BY updated_at DESC LIMIT 20');
  const recover = `restore it, or run "${RESET_COMMAND}" to drop the stored Xero connections (their users then connect to Xero again)`;
  if (sealed.length > 0 && !bridgeSecret && !fs.existsSync(keyFile)) {
    throw new KeyError(`The key that sealed the stored Xero connections is missing (${keyFile}, or BRIDGE_SECRET): ${recover}`);
  }
  const box = SecretBox.fromConfig(bridgeSecret, keyFile);
  const opens = (r: { id: string; token_set: string }) => {
    try {
      box.open(r.token_set, `xero-connection:${r.id}`);
      return true;
    } catch {
      return false;
    }
  };
  if (sealed.length > 0 && !sealed.some(opens)) {
    throw new KeyError(`The key in ${bridgeSecret ? 'BRIDGE_SECRET' : keyFile} is not the one that sealed the stored Xero connections: ${recover}`);
  }
  return box;
}
