import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SecretBox } from '../../../server/security/secret-box';

describe('secrets at rest (AES-256-GCM)', () => {
  const box = SecretBox.fromKey(crypto.randomBytes(32));

  it('seals so that the plaintext does not appear, and opens it again', () => {
    const sealed = box.seal('{"refresh_token":"rt-very-secret"}', 'xero-connection:1');
    expect(sealed).not.toContain('rt-very-secret');
    expect(box.open(sealed, 'xero-connection:1')).toBe('{"refresh_token":"rt-very-secret"}');
    expect(box.seal('same', 'p')).not.toBe(box.seal('same', 'p'));
  });

  it('refuses a value moved to another row, tampered with, or opened with another key', () => {
    const sealed = box.seal('token', 'xero-connection:1');
    expect(() => box.open(sealed, 'xero-connection:2')).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => box.open(parts.join('.'), 'xero-connection:1')).toThrow();
    expect(() => SecretBox.fromKey(crypto.randomBytes(32)).open(sealed, 'xero-connection:1')).toThrow();
  });

  it('takes BRIDGE_SECRET as hex or base64, and explains a wrong one', () => {
    const hex = crypto.randomBytes(32).toString('hex');
    const a = SecretBox.fromConfig(hex, '/nonexistent/key');
    expect(a.open(a.seal('x', 'p'), 'p')).toBe('x');
    expect(() => SecretBox.fromConfig('too-short', '/nonexistent/key')).toThrow(/32-byte key/);
  });

  it('creates a key file readable by its owner only when no secret is given, and reuses it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bridge-key-'));
    try {
      const file = path.join(dir, 'secret.key');
      const first = SecretBox.fromConfig(null, file);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const second = SecretBox.fromConfig(null, file);
      expect(second.open(first.seal('kept', 'p'), 'p')).toBe('kept');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
