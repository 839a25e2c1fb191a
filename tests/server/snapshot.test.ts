import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateDemo } from '../../scripts/demo/generator';
import { DEMO_SNAPSHOT_DIR } from '../../server/paths';
import { SnapshotError, SnapshotSource } from '../../server/sources/snapshot';
import { demoSource } from './helpers';

const read = async <K extends Parameters<SnapshotSource['read']>[0]>(table: K) => (await demoSource().read(table)).records;

describe('the demo organisation', () => {
  it('is exactly what the seeded generator makes (the shipped files are reproducible)', () => {
    const bodies = generateDemo();
    for (const [name, body] of Object.entries(bodies)) {
      const shipped = JSON.parse(fs.readFileSync(path.join(DEMO_SNAPSHOT_DIR, `${name}.json`), 'utf8'));
      expect(shipped).toEqual(body);
    }
  });

  it('has about 40 accounts of every class, bank accounts with and without payments, and an archived account', async () => {
    const accounts = await read('accounts');
    expect(accounts.length).toBeGreaterThanOrEqual(38);
    expect(new Set(accounts.map((a) => a.class))).toEqual(new Set(['ASSET', 'EQUITY', 'EXPENSE', 'LIABILITY', 'REVENUE']));
    expect(accounts.some((a) => a.type === 'BANK')).toBe(true);
    expect(accounts.some((a) => a.type !== 'BANK' && a.enablePaymentsToAccount)).toBe(true);
    expect(accounts.some((a) => a.status === 'ARCHIVED')).toBe(true);
    // a code with a leading zero, which Excel would turn into a number
    expect(accounts.some((a) => a.code === '0400')).toBe(true);
  });

  it('has tax rates of one region, one archived and one with two components', async () => {
    const rates = await read('taxRates');
    expect(rates.some((t) => t.status === 'ARCHIVED')).toBe(true);
    const two = rates.find((t) => t.components.length === 2);
    expect(two?.effectiveRate).toBe('39');
    expect(rates.find((t) => t.taxType === 'OUTPUT')?.effectiveRate).toBe('10');
  });

  it('has 80 contacts: customers, suppliers, one archived and one named like a formula', async () => {
    const contacts = await read('contacts');
    expect(contacts).toHaveLength(80);
    expect(contacts.filter((c) => c.isCustomer).length).toBeGreaterThan(40);
    expect(contacts.filter((c) => c.isSupplier).length).toBeGreaterThan(20);
    expect(contacts.filter((c) => c.status === 'ARCHIVED')).toHaveLength(1);
    expect(contacts.some((c) => c.name.startsWith('='))).toBe(true);
  });

  it('has about 1,500 invoices and bills over 18 months, with every case the reports must handle', async () => {
    const invoices = await read('invoices');
    expect(invoices.length).toBeGreaterThanOrEqual(1400);
    expect(invoices.length).toBeLessThanOrEqual(1600);
    const dates = invoices.map((i) => i.date).sort();
    const months = (Number(dates.at(-1)!.slice(0, 4)) - Number(dates[0]!.slice(0, 4))) * 12 + Number(dates.at(-1)!.slice(5, 7)) - Number(dates[0]!.slice(5, 7));
    expect(months).toBeGreaterThanOrEqual(17);
    expect(invoices.some((i) => i.type === 'ACCREC')).toBe(true);
    expect(invoices.some((i) => i.type === 'ACCPAY')).toBe(true);
    expect(invoices.some((i) => i.status === 'VOIDED')).toBe(true);
    expect(invoices.some((i) => i.status === 'DRAFT')).toBe(true);
    expect(invoices.some((i) => i.status === 'AUTHORISED' && i.amountPaid > 0 && i.amountDue > 0)).toBe(true);
    expect(invoices.some((i) => i.currencyCode !== 'AUD' && i.currencyRate !== 1)).toBe(true);
    for (const i of invoices) expect(i.amountDue).toBe(i.total - i.amountPaid - i.amountCredited);

    const creditNotes = await read('creditNotes');
    expect(creditNotes.some((c) => c.allocations.length > 0 && c.remainingCredit > 0)).toBe(true);
    expect((await read('overpayments')).length).toBeGreaterThan(0);
    expect((await read('prepayments')).length).toBeGreaterThan(0);
    expect((await read('payments')).some((p) => p.status === 'DELETED')).toBe(true);
  });

  it('reads dates as the calendar dates Xero sent, whatever the machine time zone', async () => {
    const previous = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    try {
      const source = SnapshotSource.load(DEMO_SNAPSHOT_DIR);
      const raw = JSON.parse(fs.readFileSync(path.join(DEMO_SNAPSHOT_DIR, 'Invoices.json'), 'utf8'));
      const first = raw.Invoices[0];
      const invoice = (await source.read('invoices')).records.find((i) => i.invoiceId === first.InvoiceID);
      expect(invoice?.date).toBe(first.DateString.slice(0, 10));
    } finally {
      process.env.TZ = previous;
    }
  });

  it('serves read-only records: nothing reading them can change the organisation', async () => {
    const first = await read('accounts');
    expect(() => {
      first[0]!.name = 'changed';
    }).toThrow(TypeError);
    expect(() => (first as unknown[]).push({})).toThrow(TypeError);
    expect((await read('accounts'))[0]!.name).not.toBe('changed');
  });
});

describe('a snapshot folder given by XERO_SNAPSHOT', () => {
  let folder: string;
  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'snapshot-'));
    for (const f of fs.readdirSync(DEMO_SNAPSHOT_DIR)) fs.copyFileSync(path.join(DEMO_SNAPSHOT_DIR, f), path.join(folder, f));
  });
  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

  const edit = (file: string, change: (body: Record<string, unknown[]>) => void) => {
    const body = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8'));
    change(body);
    fs.writeFileSync(path.join(folder, file), JSON.stringify(body));
  };
  const failure = () => {
    try {
      SnapshotSource.load(folder);
    } catch (err) {
      expect(err).toBeInstanceOf(SnapshotError);
      return (err as Error).message;
    }
    throw new Error('the snapshot loaded');
  };

  it('is served as an organisation', () => {
    edit('Organisation.json', (b) => Object.assign(b.Organisations![0] as object, { Name: 'My Recorded Org' }));
    expect(SnapshotSource.load(folder).organisation.name).toBe('My Recorded Org');
  });

  it('stops with the file and the field when a field has the wrong type', () => {
    edit('Invoices.json', (b) => Object.assign(b.Invoices![12] as object, { Total: '12.50' }));
    expect(failure()).toMatch(/Invoices\.json: field Invoices\[12\]\.Total: expected a number/);
  });

  it('stops with the file and the field when a date is not a Xero date', () => {
    edit('Payments.json', (b) => Object.assign(b.Payments![3] as object, { Date: '31/12/2025' }));
    expect(failure()).toMatch(/Payments\.json: field Payments\[3\]\.Date: expected a Xero date/);
  });

  it('stops with the file and the field when an id is missing', () => {
    edit('Contacts.json', (b) => delete (b.Contacts![0] as Record<string, unknown>).ContactID);
    expect(failure()).toMatch(/Contacts\.json: field Contacts\[0\]\.ContactID/);
  });

  it('stops naming the file when it is not JSON, or missing', () => {
    fs.writeFileSync(path.join(folder, 'TaxRates.json'), '{ "TaxRates": [ ');
    expect(failure()).toMatch(/TaxRates\.json is not valid JSON/);
    fs.rmSync(path.join(folder, 'TaxRates.json'));
    expect(failure()).toMatch(/TaxRates\.json is missing/);
  });
});
