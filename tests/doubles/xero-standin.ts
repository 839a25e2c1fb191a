import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../server/xero/limiter';
import { systemClock } from '../../server/xero/limiter';
import { endpoints } from '../../server/xero/raw';
import type { EndpointName } from '../../server/xero/raw';

/**
 * A scripted stand-in for Xero's Accounting API on loopback, speaking Xero's formats and limits:
 * raw PascalCase bodies, paging (`page`, `pageSize` up to 1,000, `pagination.pageCount`),
 * If-Modified-Since on every endpoint but TaxRates and Organisation, bearer access tokens that expire,
 * and per-organisation limits (5 calls in flight, 60 in any rolling minute, 5,000 a day) answered with
 * 429, Retry-After and X-Rate-Limit-Problem, plus X-MinLimit-Remaining and X-DayLimit-Remaining on
 * every answer. Faults can be scripted for the next calls to an endpoint.
 */

type Raw = Record<string, unknown>;
/** A scripted answer: a status and body, or `drop` to do the work and then cut the connection (a lost response). */
export type Fault = { status: number; body?: unknown; headers?: Record<string, string>; drop?: boolean };
export type CallRecord = {
  endpoint: string;
  page: number | null;
  pageSize: number | null;
  ifModifiedSince: string | null;
  tenantId: string;
  at: number;
  status: number;
};

const PAGED: EndpointName[] = ['Contacts', 'Invoices', 'CreditNotes', 'Payments', 'Overpayments', 'Prepayments'];
const NO_IMS: EndpointName[] = ['TaxRates', 'Organisation'];
const PATHS: Record<string, EndpointName> = Object.fromEntries(
  (Object.keys(endpoints) as EndpointName[]).map((name) => [name === 'Organisation' ? 'Organisation' : name, name]),
);

/**
 * Each record's UpdatedDateUTC read once (and again only when a test changes it), as Xero's own index would, so that
 * what a benchmark measures in this process is the proxy, not the stand-in filtering 100,000 records. Kept under a
 * symbol, which JSON never sends.
 */
const UPDATED = Symbol('updated');
type Seen = { text: string; ms: number | null };

function updatedMs(record: Raw): number | null {
  const v = record.UpdatedDateUTC;
  if (typeof v !== 'string') return null;
  const seen = (record as Record<symbol, Seen | undefined>)[UPDATED];
  if (seen && seen.text === v) return seen.ms;
  const m = /^\/Date\((-?\d+)/.exec(v);
  const ms = m ? Number(m[1]) : Date.parse(v);
  (record as Record<symbol, Seen>)[UPDATED] = { text: v, ms };
  return ms;
}

export class XeroStandIn {
  readonly calls: CallRecord[] = [];
  readonly tokens = new Map<string, number>(); // access token → expiry (ms, on the clock)
  private readonly faults = new Map<string, Fault[]>();
  private readonly data = new Map<string, Record<EndpointName, Raw[]>>();
  private inFlight = new Map<string, number>();
  private starts = new Map<string, number[]>();
  private day = new Map<string, number>();
  /** Writes Xero actually applied (after idempotency), per endpoint. */
  readonly applied: Record<string, number> = {};
  /** Contacts Xero will refuse, with its message. */
  readonly refuse = new Map<string, string>();
  private readonly idempotent = new Map<string, { status: number; body: unknown }>();
  peakInFlight = 0;
  peakPerMinute = 0;
  rateLimited = 0;
  /** Milliseconds each answer takes (real time), so that calls overlap as they do over a network. */
  latencyMs = 0;
  private server: http.Server | null = null;
  basePath = '';

  constructor(private readonly clock: Clock = systemClock) {}

  /** Serves an organisation from raw bodies as a snapshot holds them (one per endpoint). */
  addOrganisation(tenantId: string, bodies: Record<EndpointName, unknown>): void {
    const tables = {} as Record<EndpointName, Raw[]>;
    for (const name of Object.keys(endpoints) as EndpointName[]) {
      tables[name] = structuredClone(((bodies[name] as Raw)[endpoints[name].key] as Raw[]) ?? []);
      for (const r of tables[name]) updatedMs(r);
    }
    // The organisation's own id is its tenant id, as in Xero.
    const org = tables.Organisation[0];
    if (org) org.OrganisationID = tenantId;
    this.data.set(tenantId, tables);
  }

  records(tenantId: string, endpoint: EndpointName): Raw[] {
    return this.data.get(tenantId)?.[endpoint] ?? [];
  }

  issueToken(token: string, expiresAtMs: number): void {
    this.tokens.set(token, expiresAtMs);
  }

  /** The next calls to `endpoint` answer with these faults, in order. */
  script(endpoint: EndpointName, ...faults: Fault[]): void {
    this.faults.set(endpoint, [...(this.faults.get(endpoint) ?? []), ...faults]);
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.basePath = `http://127.0.0.1:${port}/api.xro/2.0`;
    return this.basePath;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  }

  /** Applies a write as Xero does: contacts merged by ContactID with per-contact errors; an account's fields updated. */
  private write(tables: Record<EndpointName, Raw[]>, endpoint: EndpointName, url: URL, raw: string): { status: number; body: unknown } {
    const body = JSON.parse(raw || '{}') as Record<string, Raw[]>;
    const now = `/Date(${this.clock.now()}+0000)/`;
    if (endpoint === 'Contacts') {
      const summarize = url.searchParams.get('summarizeErrors') !== 'false';
      const results = (body.Contacts ?? []).map((c) => {
        const contact = tables.Contacts.find((x) => x.ContactID === c.ContactID);
        const errors: Array<{ Message: string }> = [];
        if (!contact) errors.push({ Message: `The contact ${String(c.ContactID)} was not found` });
        const refused = this.refuse.get(String(c.ContactID));
        if (refused) errors.push({ Message: refused });
        const code = c.SalesDefaultAccountCode;
        if (code && !tables.Accounts.some((a) => a.Code === code))
          errors.push({ Message: `Account code '${String(code)}' is not a valid code for this document.` });
        if (errors.length > 0 || !contact) return { ...c, StatusAttributeString: 'ERROR', ValidationErrors: errors };
        for (const field of ['SalesDefaultAccountCode', 'AccountsReceivableTaxType'] as const) if (field in c) contact[field] = c[field];
        contact.UpdatedDateUTC = now;
        this.applied.Contacts = (this.applied.Contacts ?? 0) + 1;
        return { ...contact, StatusAttributeString: 'OK' };
      });
      if (summarize && results.some((r) => r.StatusAttributeString === 'ERROR'))
        return { status: 400, body: { ErrorNumber: 10, Type: 'ValidationException', Message: 'A validation exception occurred', Elements: results } };
      return { status: 200, body: { Id: 'standin-write', Status: 'OK', Contacts: results } };
    }
    if (endpoint === 'Accounts') {
      const id = url.pathname.split('/').pop();
      const account = tables.Accounts.find((a) => a.AccountID === id);
      if (!account) return { status: 404, body: { Title: 'Not Found', Status: 404 } };
      Object.assign(account, body.Accounts?.[0] ?? {}, { UpdatedDateUTC: now });
      this.applied.Accounts = (this.applied.Accounts ?? 0) + 1;
      return { status: 200, body: { Id: 'standin-write', Status: 'OK', Accounts: [account] } };
    }
    if (endpoint === 'TaxRates') {
      const created = (body.TaxRates ?? []).map((t, i) => {
        const rate = Number((t.TaxComponents as Array<{ Rate?: number }> | undefined)?.[0]?.Rate ?? 0);
        const record = {
          ...t,
          TaxType: `TAX${String(tables.TaxRates.length + i + 1).padStart(3, '0')}`,
          Status: 'ACTIVE',
          EffectiveRate: rate,
          DisplayTaxRate: rate,
          CanApplyToRevenue: true,
          CanApplyToExpenses: true,
          CanApplyToAssets: true,
          CanApplyToLiabilities: true,
          CanApplyToEquity: true,
        };
        return record;
      });
      tables.TaxRates.push(...created);
      this.applied.TaxRates = (this.applied.TaxRates ?? 0) + created.length;
      return { status: 200, body: { Id: 'standin-write', Status: 'OK', TaxRates: created } };
    }
    return { status: 405, body: { Title: 'Method not allowed' } };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const name = url.pathname.replace(/^\/api\.xro\/2\.0\//, '').replace(/^Accounts\/.+$/, 'Accounts');
    const endpoint = PATHS[name];
    const tenantId = String(req.headers['xero-tenant-id'] ?? '');
    const record = (status: number) =>
      this.calls.push({
        endpoint: name,
        page: url.searchParams.has('page') ? Number(url.searchParams.get('page')) : null,
        pageSize: url.searchParams.has('pageSize') ? Number(url.searchParams.get('pageSize')) : null,
        ifModifiedSince: (req.headers['if-modified-since'] as string | undefined) ?? null,
        tenantId,
        at: this.clock.now(),
        status,
      });

    const token = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
    const expiry = token ? this.tokens.get(token) : undefined;
    if (expiry === undefined || expiry <= this.clock.now()) {
      record(401);
      return this.send(res, 401, {
        Type: null,
        Title: 'Unauthorized',
        Status: 401,
        Detail: `TokenExpired: token expired at ${new Date(expiry ?? 0).toUTCString()}`,
      });
    }
    const tables = this.data.get(tenantId);
    if (!endpoint || !tables) {
      record(404);
      return this.send(res, 404, { Title: 'Not Found', Status: 404, Detail: `No ${name} for tenant ${tenantId}` });
    }

    // Xero's limits for this organisation.
    const now = this.clock.now();
    const inFlight = (this.inFlight.get(tenantId) ?? 0) + 1;
    const window = (this.starts.get(tenantId) ?? []).filter((t) => t > now - 60_000);
    const used = (this.day.get(tenantId) ?? 0) + 1;
    const limitHeaders = (minute: number, day: number) => ({
      'X-MinLimit-Remaining': String(Math.max(0, 60 - minute)),
      'X-DayLimit-Remaining': String(Math.max(0, 5000 - day)),
      'X-AppMinLimit-Remaining': '9999',
    });
    if (inFlight > 5 || window.length >= 60 || used > 5000) {
      this.rateLimited++;
      const problem = inFlight > 5 ? 'concurrent' : window.length >= 60 ? 'minute' : 'day';
      const retryAfter = problem === 'minute' ? Math.ceil(((window[0] as number) + 60_000 - now) / 1000) : problem === 'day' ? 86_400 : 1;
      record(429);
      return this.send(res, 429, '', { 'Retry-After': String(retryAfter), 'X-Rate-Limit-Problem': problem, ...limitHeaders(window.length, used - 1) });
    }
    window.push(now);
    this.starts.set(tenantId, window);
    this.day.set(tenantId, used);
    this.inFlight.set(tenantId, inFlight);
    this.peakInFlight = Math.max(this.peakInFlight, inFlight);
    this.peakPerMinute = Math.max(this.peakPerMinute, window.length);
    try {
      if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
      const fault = this.faults.get(endpoint)?.shift();
      if (fault && !fault.drop) {
        record(fault.status);
        return this.send(res, fault.status, fault.body ?? '', { ...limitHeaders(window.length, used), ...fault.headers });
      }
      if (req.method === 'POST' || req.method === 'PUT') {
        const raw = await new Promise<string>((resolve) => {
          let text = '';
          req.on('data', (d: Buffer) => (text += d.toString()));
          req.on('end', () => resolve(text));
        });
        const key = req.headers['idempotency-key'] as string | undefined;
        const remembered = key ? this.idempotent.get(`${tenantId}|${key}`) : undefined;
        const answer = remembered ?? this.write(tables, endpoint, url, raw);
        if (key && !remembered) this.idempotent.set(`${tenantId}|${key}`, answer);
        record(answer.status);
        if (fault?.drop) {
          req.socket.destroy();
          return;
        }
        return this.send(res, answer.status, answer.body, limitHeaders(window.length, used));
      }
      let list = tables[endpoint];
      const ims = req.headers['if-modified-since'];
      if (ims && !NO_IMS.includes(endpoint)) {
        const since = Date.parse(String(ims));
        list = list.filter((r) => (updatedMs(r) ?? 0) > since);
      }
      const body: Raw = { Id: `standin-${this.calls.length}`, Status: 'OK', ProviderName: 'Xero stand-in', DateTimeUTC: `/Date(${now})/` };
      if (PAGED.includes(endpoint) && url.searchParams.has('page')) {
        const page = Math.max(1, Number(url.searchParams.get('page')));
        const pageSize = Math.min(1000, Math.max(1, Number(url.searchParams.get('pageSize') ?? 100)));
        body.pagination = { page, pageSize, pageCount: Math.max(1, Math.ceil(list.length / pageSize)), itemCount: list.length };
        list = list.slice((page - 1) * pageSize, page * pageSize);
      }
      body[endpoints[endpoint].key] = list;
      record(200);
      this.send(res, 200, body, limitHeaders(window.length, used));
    } finally {
      this.inFlight.set(tenantId, (this.inFlight.get(tenantId) ?? 1) - 1);
    }
  }
}
