import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Encrypts secrets at rest (Xero token sets) with AES-256-GCM. Each value gets a fresh 12-byte nonce;
 * the stored text is `v1.<nonce>.<tag>.<ciphertext>` in base64url, bound to a purpose label (AAD)
 * so a value encrypted for one row cannot be swapped into another.
 */
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  /** A 32-byte key from BRIDGE_SECRET (64 hex digits or base64), or from a key file created with mode 0600. */
  static fromConfig(bridgeSecret: string | null, keyFile: string): SecretBox {
    if (bridgeSecret) return new SecretBox(parseKey(bridgeSecret, 'BRIDGE_SECRET'));
    if (fs.existsSync(keyFile)) {
      const mode = fs.statSync(keyFile).mode & 0o777;
      if (mode & 0o077) fs.chmodSync(keyFile, 0o600);
      return new SecretBox(parseKey(fs.readFileSync(keyFile, 'utf8').trim(), keyFile));
    }
    fs.mkdirSync(path.dirname(keyFile), { recursive: true, mode: 0o700 });
    const key = crypto.randomBytes(32);
    fs.writeFileSync(keyFile, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    return new SecretBox(key);
  }

  static fromKey(key: Buffer): SecretBox {
    if (key.length !== 32) throw new Error('an AES-256 key is 32 bytes');
    return new SecretBox(Buffer.from(key));
  }

  seal(plaintext: string, purpose: string): string {
    const nonce = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, nonce);
    cipher.setAAD(Buffer.from(purpose, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return ['v1', nonce.toString('base64url'), tag.toString('base64url'), body.toString('base64url')].join('.');
  }

  open(sealed: string, purpose: string): string {
    const [version, nonce, tag, body] = sealed.split('.');
    if (version !== 'v1' || !nonce || !tag || body === undefined) throw new Error('not a sealed value');
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, Buffer.from(nonce, 'base64url'));
    decipher.setAAD(Buffer.from(purpose, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }
}

function parseKey(text: string, where: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) {
    throw new Error(`${where} must be a 32-byte key: 64 hex digits or base64 (e.g. from "openssl rand -hex 32")`);
  }
  return key;
}
