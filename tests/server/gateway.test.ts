import { ObjectSerializer } from 'xero-node/dist/gen/model/accounting/models';
import { generateDemo } from '../../scripts/demo/generator';
import { XeroSource } from '../../server/sources/xero';
import { XeroError } from '../../server/xero/errors';
import { organisation, TENANT, xeroHarness } from './xero-harness';

type Harness = Awaited<ReturnType<typeof xeroHarness>>;

const bigBodies = () => generateDemo({ customers: 2400, suppliers: 28, salesInvoices: 2300, bills: 400 });

describe('pulling from Xero through the gateway', () => {
  let h: Harness;
  afterEach(async () => h.close());

  it('pages by 1,000 until pageCount and keeps every record', async () => {
    h = await xeroHarness({ bodies: bigBodies() });
    const result = await h.gateway.pull(h.connectionId, TENANT, 'Contacts');
    const expected = h.standIn.records(TENANT, 'Contacts').length;
    expect(expected).toBeGreaterThan(2000);
    expect(result.records).toHaveLength(expected);
    const calls = h.standIn.calls.filter((c) => c.endpoint === 'Contacts');
    expect(calls.map((c) => c.page)).toEqual([1, 2, 3]);
    expect(calls.every((c) => c.pageSize === 1000)).toBe(true);
  });

  it('refreshes with If-Modified-Since: one call per endpoint when nothing changed, and merges changes by id', async () => {
    h = await xeroHarness();
    const source = new XeroSource(h.gateway, h.connectionId, organisation);
    const first = await source.read('invoices');
    const before = h.standIn.calls.length;
    const again = await source.read('invoices');
    expect(h.standIn.calls.length - before).toBe(1);
    expect(h.standIn.calls.at(-1)?.ifModifiedSince).not.toBeNull();
    expect(again.records).toEqual(first.records);

    // Xero changes one invoice: the next refresh fetches only it and merges it in.
    const changed = h.standIn.records(TENANT, 'Invoices')[7]!;
    changed.Reference = 'Changed in Xero';
    changed.UpdatedDateUTC = `/Date(${Date.UTC(2027, 0, 1)}+0000)/`;
    const merged = await source.read('invoices');
    expect(merged.records).toHaveLength(first.records.length);
    expect(merged.records.find((i) => i.invoiceId === changed.InvoiceID)?.reference).toBe('Changed in Xero');
  });

  it('reuses what was fetched within maxAgeMs without calling Xero (the formulas’ batches), and asks again after it', async () => {
    h = await xeroHarness();
    const source = new XeroSource(h.gateway, h.connectionId, organisation);
    const first = await source.read('invoices');
    const before = h.standIn.calls.length;
    const reused = await source.read('invoices', { maxAgeMs: 60_000 });
    expect(h.standIn.calls.length).toBe(before);
    expect(reused.records).toBe(first.records);
    expect(reused.fetchedAt).toBe(first.fetchedAt);
    h.clock.advance(61_000);
    await source.read('invoices', { maxAgeMs: 60_000 });
    expect(h.standIn.calls.length - before).toBe(1);
  });

  it('hands back the same parsed table while Xero has nothing new, and a new one once it has', async () => {
    h = await xeroHarness();
    const source = new XeroSource(h.gateway, h.connectionId, organisation);
    const first = await source.read('contacts');
    const again = await source.read('contacts');
    // Same array: what reports and mappings built from it (ledger index, lookups) is reused, not rebuilt.
    expect(again.records).toBe(first.records);
    expect(Object.isFrozen(first.records)).toBe(true);

    const changed = h.standIn.records(TENANT, 'Contacts')[3]!;
    changed.Name = 'Renamed in Xero Pty Ltd';
    changed.UpdatedDateUTC = `/Date(${Date.UTC(2027, 0, 1)}+0000)/`;
    const after = await source.read('contacts');
    expect(after.records).not.toBe(first.records);
    expect(after.records.find((c) => c.contactId === changed.ContactID)?.name).toBe('Renamed in Xero Pty Ltd');
    expect(first.records.find((c) => c.contactId === changed.ContactID)?.name).not.toBe('Renamed in Xero Pty Ltd');
  });

  it('reads only what a refresh brought and merges it by id: the same records a full read gives, the unchanged ones not read again', async () => {
    h = await xeroHarness({ bodies: bigBodies() });
    const source = new XeroSource(h.gateway, h.connectionId, organisation);
    const first = await source.read('invoices');
    // Xero changes two invoices and adds one (a copy of another, with its own id).
    const raw = h.standIn.records(TENANT, 'Invoices');
    const stamp = `/Date(${Date.UTC(2027, 0, 1)}+0000)/`;
    Object.assign(raw[5]!, { Reference: 'Changed once', UpdatedDateUTC: stamp });
    Object.assign(raw[1500]!, { Status: 'VOIDED', UpdatedDateUTC: stamp });
    raw.push({ ...raw[9]!, InvoiceID: '00000000-0000-4000-8000-00000000beef', InvoiceNumber: 'INV-NEW', UpdatedDateUTC: stamp });
    const merged = await source.read('invoices');
    expect(merged.records).toHaveLength(first.records.length + 1);
    // Equal, record for record and in the same order, to reading everything again.
    const full = await new XeroSource(h.gateway, h.connectionId, organisation).read('invoices', { full: true });
    expect(merged.records).toEqual(full.records);
    // The records that did not change are the very objects read before: nothing else was read again.
    const same = merged.records.filter((r, i) => r === first.records[i]).length;
    expect(same).toBe(first.records.length - 2);
    expect(merged.records.find((i) => i.number === 'INV-NEW')).toBeDefined();
    // A source that kept nothing (the proxy restarted) reads the cache a chunk at a time: the same records again.
    const restarted = await new XeroSource(h.gateway, h.connectionId, organisation).read('invoices');
    expect(restarted.records).toEqual(merged.records);
  });

  it('stores a full pull page by page, out of sight until the last page: one failing half-way leaves the records as they were', async () => {
    h = await xeroHarness({ bodies: bigBodies() });
    const before = await new XeroSource(h.gateway, h.connectionId, organisation).read('invoices');
    expect(before.records.length).toBeGreaterThan(2000);
    // Page 2 of 3 comes back in a shape that is not Xero's: page 1 has been stored by then, as the next generation.
    const raw = h.standIn.records(TENANT, 'Invoices');
    const total = raw[1500]!.Total;
    raw[1500]!.Total = 'not a number';
    await expect(h.gateway.pull(h.connectionId, TENANT, 'Invoices', { full: true })).rejects.toThrow(/not in Xero's format/);
    expect(h.cache.count(TENANT, 'Invoices')).toBe(before.records.length);
    expect((await new XeroSource(h.gateway, h.connectionId, organisation).read('invoices')).records).toEqual(before.records);

    // The next full pull clears the failed one's pages first, and leaves only its own rows behind.
    raw[1500]!.Total = total;
    raw[7]!.Reference = 'Changed before the full pull';
    const full = await new XeroSource(h.gateway, h.connectionId, organisation).read('invoices', { full: true });
    expect(full.records).toHaveLength(before.records.length);
    expect(full.records[7]?.reference).toBe('Changed before the full pull');
    const rows = h.db.prepare("SELECT COUNT(*) AS n FROM xero_cache WHERE tenant_id = ? AND endpoint = 'Invoices'").get(TENANT) as { n: number };
    expect(rows.n).toBe(before.records.length);
  });

  it("reads the large tables' pages without xero-node's models (its ObjectSerializer is given text, not Xero's records)", async () => {
    h = await xeroHarness({ bodies: bigBodies() });
    const deserialize = jest.spyOn(ObjectSerializer, 'deserialize');
    try {
      const read = await new XeroSource(h.gateway, h.connectionId, organisation).read('invoices');
      expect(read.records.length).toBeGreaterThan(2000);
      const onInvoices = deserialize.mock.calls.filter(([, type]) => type === 'Invoices');
      expect(onInvoices.length).toBeGreaterThanOrEqual(3);
      expect(onInvoices.every(([data]) => typeof data === 'string')).toBe(true);
    } finally {
      deserialize.mockRestore();
    }
  });

  it('asks for TaxRates and Organisation in full every time (Xero ignores If-Modified-Since there)', async () => {
    h = await xeroHarness();
    await h.gateway.pull(h.connectionId, TENANT, 'TaxRates');
    await h.gateway.pull(h.connectionId, TENANT, 'TaxRates');
    expect(h.standIn.calls.filter((c) => c.endpoint === 'TaxRates').map((c) => c.ifModifiedSince)).toEqual([null, null]);
  });

  it('waits out a 429 for the Retry-After Xero gives, then finishes with nothing missing', async () => {
    h = await xeroHarness();
    h.standIn.script('Payments', { status: 429, headers: { 'Retry-After': '37', 'X-Rate-Limit-Problem': 'minute' } });
    const slept = h.clock.slept;
    const result = await h.gateway.pull(h.connectionId, TENANT, 'Payments');
    expect(h.clock.slept - slept).toBeGreaterThanOrEqual(37_000);
    expect(result.records).toHaveLength(h.standIn.records(TENANT, 'Payments').length);
  });

  it("reports Xero's daily limit at once, with when to try again, instead of waiting a day", async () => {
    h = await xeroHarness();
    h.standIn.script('Accounts', { status: 429, headers: { 'Retry-After': '5400', 'X-Rate-Limit-Problem': 'day' } });
    const slept = h.clock.slept;
    await expect(h.gateway.pull(h.connectionId, TENANT, 'Accounts')).rejects.toThrow(
      "Xero's day limit for this organisation was reached: try again in 5400 seconds",
    );
    expect(h.clock.slept - slept).toBe(0);
    expect(h.standIn.calls.filter((c) => c.endpoint === 'Accounts')).toHaveLength(1);
  });

  it('retries a 500 and then succeeds', async () => {
    h = await xeroHarness();
    h.standIn.script('Accounts', { status: 500, body: { Title: 'An error occurred', Status: 500 } });
    const result = await h.gateway.pull(h.connectionId, TENANT, 'Accounts');
    expect(result.records).toHaveLength(h.standIn.records(TENANT, 'Accounts').length);
    expect(h.standIn.calls.filter((c) => c.endpoint === 'Accounts').map((c) => c.status)).toEqual([500, 200]);
  });

  it('refuses a malformed answer, naming the field, and stores nothing', async () => {
    h = await xeroHarness();
    h.standIn.script('Items', { status: 200, body: { Items: [{ ItemID: 'x', Code: 42 }] } });
    await expect(h.gateway.pull(h.connectionId, TENANT, 'Items')).rejects.toThrow(/Items\[0\]\.Code/);
    expect(h.cache.count(TENANT, 'Items')).toBe(0);
    expect(h.cache.state(TENANT, 'Items')).toBeNull();
  });

  it('refreshes a token that expires mid-pull exactly once, and finishes the pull', async () => {
    h = await xeroHarness({ bodies: bigBodies() });
    h.tokenEndpoint('rotate');
    // The access token is revoked after the first page (as if it expired early).
    const original = h.standIn.tokens.get('access-1')!;
    let served = 0;
    const revokeAfterFirst = setInterval(() => {
      served = h.standIn.calls.filter((c) => c.endpoint === 'Contacts' && c.status === 200).length;
      if (served >= 1) h.standIn.tokens.set('access-1', h.clock.now());
    }, 1);
    try {
      const result = await h.gateway.pull(h.connectionId, TENANT, 'Contacts');
      expect(result.records).toHaveLength(h.standIn.records(TENANT, 'Contacts').length);
    } finally {
      clearInterval(revokeAfterFirst);
    }
    expect(original).toBeGreaterThan(0);
    expect(h.refreshRequests).toEqual(['refresh-1']);
    expect(h.connections.refreshCount.get(h.connectionId)).toBe(1);
  });

  it('refreshes once for 20 concurrent requests on an expired token', async () => {
    h = await xeroHarness({ accessTtlSeconds: 30 }); // inside the refresh margin: expired for our purposes
    h.tokenEndpoint('rotate');
    const clients = await Promise.all(Array.from({ length: 20 }, () => h.connections.client(h.connectionId)));
    expect(h.refreshRequests).toEqual(['refresh-1']);
    expect(new Set(clients).size).toBe(1);
    const tokenSet = clients[0]!.readTokenSet();
    expect(tokenSet.access_token).toBe('access-2');
  });

  it('marks the connection "reconnect needed" on invalid_grant and says so in words', async () => {
    h = await xeroHarness({ accessTtlSeconds: 30 });
    h.tokenEndpoint('refuse');
    const error = await h.gateway.pull(h.connectionId, TENANT, 'Accounts').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(XeroError);
    expect((error as XeroError).kind).toBe('invalid_grant');
    expect((error as Error).message).toMatch(/connect to Xero again/);
    expect(await h.connections.status(h.connectionId)).toBe('reconnect_needed');
    expect(h.standIn.calls).toHaveLength(0);
  });

  it('never has more than 5 calls in flight or 60 in a minute, and Xero never has to say 429', async () => {
    h = await xeroHarness({ bodies: generateDemo({ customers: 1500, suppliers: 28, salesInvoices: 9000, bills: 1000 }) });
    h.standIn.latencyMs = 3;
    const endpoints = [
      'Contacts',
      'Invoices',
      'CreditNotes',
      'Payments',
      'Overpayments',
      'Prepayments',
      'Accounts',
      'TaxRates',
      'Items',
      'Organisation',
    ] as const;
    // Pull everything three times over, all at once.
    await Promise.all([0, 1, 2].flatMap(() => endpoints.map((e) => h.gateway.pull(h.connectionId, TENANT, e, { full: true }))));
    expect(h.standIn.calls.length).toBeGreaterThan(60);
    expect(h.standIn.peakInFlight).toBeLessThanOrEqual(5);
    expect(h.standIn.peakPerMinute).toBeLessThanOrEqual(60);
    expect(h.standIn.rateLimited).toBe(0);
    expect(h.gateway.usage(TENANT).dayRemaining).toBe(5000 - h.standIn.calls.length);
    // About 5 s alone; three full pulls of 11,000 invoices take far longer beside the browser suites on two cores.
  }, 120_000);
});
