import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export type TlsFiles = { key: string; cert: string; trusted: boolean; advice: string | null };

/**
 * The localhost certificate. First as the Office templates do it: office-addin-dev-certs
 * creates a development CA and asks the system to trust it (it may prompt for an administrator
 * password). It runs in a child process with a time limit so that a prompt nobody answers, or a
 * machine without privileges, cannot hang the start. Failing that, a self-signed certificate
 * kept under <dataDir>/tls, with one line of advice.
 */
export async function localhostTls(dataDir: string, tryTrusted: boolean): Promise<TlsFiles> {
  if (tryTrusted) {
    const trusted = trustedDevCertificate();
    if (trusted) return { ...trusted, trusted: true, advice: null };
  }
  const dir = path.join(dataDir, 'tls');
  const keyFile = path.join(dir, 'localhost.key');
  const certFile = path.join(dir, 'localhost.crt');
  if (!fs.existsSync(keyFile) || !fs.existsSync(certFile)) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    // selfsigned (and the X.509 library under it) is loaded only when a certificate is made: about 80 ms at start otherwise.
    const { generate } = await import('selfsigned');
    const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
      keySize: 2048,
      algorithm: 'sha256',
      notAfterDate: new Date(Date.now() + 365 * 86_400_000),
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 2, value: 'localhost' },
            { type: 7, ip: '127.0.0.1' },
          ],
        },
      ],
    });
    fs.writeFileSync(keyFile, pems.private, { mode: 0o600 });
    fs.writeFileSync(certFile, pems.cert);
  }
  return {
    key: fs.readFileSync(keyFile, 'utf8'),
    cert: fs.readFileSync(certFile, 'utf8'),
    trusted: false,
    advice: `Using a self-signed certificate (${certFile}) that Excel does not trust yet: run "npx office-addin-dev-certs install" as an administrator, or trust that file in your system's certificate store, then restart.`,
  };
}

function trustedDevCertificate(): { key: string; cert: string } | null {
  const script = `
    require('office-addin-dev-certs').getHttpsServerOptions()
      .then((o) => process.stdout.write(JSON.stringify({ key: String(o.key), cert: String(o.cert) })))
      .catch((e) => { process.stderr.write(String(e && e.message || e)); process.exit(1); });`;
  const run = spawnSync(process.execPath, ['-e', script], {
    stdio: ['inherit', 'pipe', 'pipe'],
    timeout: 90_000,
    encoding: 'utf8',
  });
  if (run.status !== 0 || !run.stdout) return null;
  try {
    const parsed = JSON.parse(run.stdout) as { key: string; cert: string };
    return parsed.key && parsed.cert ? parsed : null;
  } catch {
    return null;
  }
}
