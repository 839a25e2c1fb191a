/**
 * Writes the built-in demo organisation (server/demo/snapshot) from the seeded generator.
 * Usage: npm run demo:generate [-- --out <folder>]
 */
import fs from 'node:fs';
import path from 'node:path';
import { generateDemo } from './demo/generator';
import { DEMO_SNAPSHOT_DIR } from '../server/paths';

const outIndex = process.argv.indexOf('--out');
const out = outIndex > 0 ? path.resolve(process.argv[outIndex + 1] ?? '') : DEMO_SNAPSHOT_DIR;
fs.mkdirSync(out, { recursive: true });
const bodies = generateDemo();
for (const [name, body] of Object.entries(bodies)) {
  fs.writeFileSync(path.join(out, `${name}.json`), `${JSON.stringify(body, null, 1)}\n`);
}
const count = (name: string, key: string) => ((bodies as Record<string, Record<string, unknown[]>>)[name]?.[key] ?? []).length;
process.stdout.write(
  `Demo organisation written to ${out}: ${count('Accounts', 'Accounts')} accounts, ${count('TaxRates', 'TaxRates')} tax rates, ` +
    `${count('Contacts', 'Contacts')} contacts, ${count('Items', 'Items')} items, ${count('Invoices', 'Invoices')} invoices, ` +
    `${count('CreditNotes', 'CreditNotes')} credit notes, ${count('Payments', 'Payments')} payments\n`,
);
