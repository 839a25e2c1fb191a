import type { AccountingApi } from 'xero-node';
import type { ContactDefaults, WriteResult } from '../../core/mapping/writes';
import { xeroInstant } from './dates';
import type { XeroCache } from './cache';
import type { XeroConnections } from './connections';
import { parseXeroRejection, XeroError } from './errors';
import type { CallLimiter, Clock, LimiterStats } from './limiter';
import { LONGEST_WAIT_MS, RateLimiter, systemClock } from './limiter';
import { answerOf, endpoints, fieldPath } from './raw';
import type { EndpointName } from './raw';
import { plans } from './endpoint-plans';
import type { Call } from './endpoint-plans';
import { pullResult, readReceived } from './pull-result';
import type { PullOptions, PullResult } from './pull-result';
import type { SharedCache, SharedSync } from './shared-cache';

export const PAGE_SIZE = 1000;

export type GatewayOptions = {
  clock?: Clock;
  maxAttempts?: number;
  /** Records per page, at most 1,000 (Xero's limit); 1,000 unless measuring. */ pageSize?: number;
  /** Each organisation's limiter: this process's own unless given (SharedLimiter, for proxies sharing a store). */
  limiterFor?: (tenantId: string) => CallLimiter;
  /** The pull cache shared with other proxies (PostgreSQL); this proxy's SQLite cache is then its copy. */
  shared?: SharedCache;
};

/**
 * Reads an organisation's records from Xero within its limits: paging by 1,000 until
 * `pagination.pageCount`, If-Modified-Since where Xero supports it, merged into the SQLite cache by id,
 * one rate limiter per organisation, 429s waited out, an expired token refreshed once, and transient
 * failures retried. Nothing is kept unless every page arrived and had Xero's shape.
 */
export class XeroGateway {
  /** The pull of each endpoint under way, by organisation and endpoint. */
  private readonly pulling = new Map<string, Promise<PullResult>>();
  private readonly limiters = new Map<string, CallLimiter>();
  private readonly limiterFor: (tenantId: string) => CallLimiter;
  private readonly shared: SharedCache | null;
  private readonly clock: Clock;
  private readonly maxAttempts: number;
  private readonly pageSize: number;

  constructor(
    private readonly connections: XeroConnections,
    private readonly cache: XeroCache,
    options: GatewayOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.maxAttempts = options.maxAttempts ?? 6;
    this.pageSize = Math.min(PAGE_SIZE, options.pageSize ?? PAGE_SIZE);
    this.limiterFor = options.limiterFor ?? (() => new RateLimiter({ clock: this.clock }));
    this.shared = options.shared ?? null;
  }

  limiter(tenantId: string): CallLimiter {
    const limiter = this.limiters.get(tenantId) ?? this.limiterFor(tenantId);
    this.limiters.set(tenantId, limiter);
    return limiter;
  }

  usage(tenantId: string): Pick<LimiterStats, 'dayRemaining' | 'minuteRemaining'> {
    const s = this.limiters.get(tenantId)?.stats;
    return { dayRemaining: s?.dayRemaining ?? null, minuteRemaining: s?.minuteRemaining ?? null };
  }

  /** One call to Xero for an organisation, under its limiter, with retries that respect Xero's answers. */
  private async call(connectionId: string, tenantId: string, run: (api: AccountingApi) => ReturnType<Call>): Promise<{ data: unknown }> {
    const limiter = this.limiter(tenantId);
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      const client = await this.connections.client(connectionId, { forceRefresh: false });
      try {
        const { response } = await limiter.schedule(() => run(client.accountingApi));
        limiter.observe(response.headers as Record<string, unknown>);
        return typeof response.data === 'string' ? { ...response, data: answerOf(response.data) } : response;
      } catch (rejection) {
        const error = parseXeroRejection(rejection);
        if (error.kind === 'rate_limited' && error.status === 429) {
          await limiter.pause(error.retryAfter ?? 60);
          if (attempt < this.maxAttempts && (error.retryAfter ?? 60) * 1000 <= LONGEST_WAIT_MS) continue;
        }
        if (error.kind === 'unauthorised' && !refreshed) {
          // The access token expired early or was revoked: refresh once and try again.
          refreshed = true;
          await this.connections.client(connectionId, { forceRefresh: true });
          continue;
        }
        if ((error.kind === 'server' || error.kind === 'network') && attempt < Math.min(this.maxAttempts, 4)) {
          await this.clock.sleep(1000 * 2 ** (attempt - 1));
          continue;
        }
        throw error;
      }
    }
  }

  /**
   * Sets contacts' default sales account and tax type, 50 contacts per call with `summarizeErrors=false`,
   * so that Xero answers per contact; each call carries an idempotency key made from `key` and its batch.
   */
  async updateContactDefaults(connectionId: string, tenantId: string, changes: readonly ContactDefaults[], key: string): Promise<WriteResult[]> {
    const outcomes: WriteResult[] = [];
    for (let start = 0, batch = 1; start < changes.length; start += WRITE_BATCH, batch++) {
      const part = changes.slice(start, start + WRITE_BATCH);
      const body = {
        contacts: part.map((c) => ({
          contactID: c.contactId,
          salesDefaultAccountCode: c.salesDefaultAccountCode ?? '',
          accountsReceivableTaxType: c.accountsReceivableTaxType ?? '',
        })),
      };
      try {
        const response = await this.call(
          connectionId,
          tenantId,
          (api) => api.updateOrCreateContacts(tenantId, body as never, false, `${key}-contacts-${batch}`) as unknown as ReturnType<Call>,
        );
        const answered = ((response.data as { Contacts?: Array<Record<string, unknown>> }).Contacts ?? []) as Array<Record<string, unknown>>;
        part.forEach((c, i) => {
          const a = answered[i];
          const errors = (a?.ValidationErrors as Array<{ Message?: string }> | undefined) ?? [];
          if (a && errors.length === 0 && a.StatusAttributeString !== 'ERROR') outcomes.push({ id: c.contactId, ok: true, message: 'updated in Xero' });
          else
            outcomes.push({
              id: c.contactId,
              ok: false,
              message:
                errors
                  .map((e) => e.Message)
                  .filter(Boolean)
                  .join('; ') || 'Xero refused this contact',
            });
        });
      } catch (rejection) {
        const error = parseXeroRejection(rejection);
        for (const c of part) outcomes.push({ id: c.contactId, ok: false, message: error.message });
      }
    }
    return outcomes;
  }

  async setPaymentsEnabled(connectionId: string, tenantId: string, accountId: string, enabled: boolean, key: string): Promise<WriteResult> {
    try {
      await this.call(
        connectionId,
        tenantId,
        (api) => api.updateAccount(tenantId, accountId, { accounts: [{ enablePaymentsToAccount: enabled }] } as never, key) as unknown as ReturnType<Call>,
      );
      return { id: accountId, ok: true, message: enabled ? 'payments enabled in Xero' : 'payments disabled in Xero' };
    } catch (rejection) {
      return { id: accountId, ok: false, message: parseXeroRejection(rejection).message };
    }
  }

  async createTaxRate(connectionId: string, tenantId: string, rate: { name: string; percent: string }, key: string): Promise<WriteResult> {
    const body = {
      taxRates: [
        { name: rate.name, reportTaxType: 'OUTPUT', taxComponents: [{ name: 'Tax', rate: Number(rate.percent), isCompound: false, isNonRecoverable: false }] },
      ],
    };
    try {
      const response = await this.call(connectionId, tenantId, (api) => api.createTaxRates(tenantId, body as never, key) as unknown as ReturnType<Call>);
      const created = ((response.data as { TaxRates?: Array<{ TaxType?: string }> }).TaxRates ?? [])[0];
      return created?.TaxType
        ? { id: created.TaxType, ok: true, message: `tax rate ${created.TaxType} created in Xero` }
        : { id: '', ok: false, message: 'Xero did not return the new tax rate' };
    } catch (rejection) {
      return { id: '', ok: false, message: parseXeroRejection(rejection).message };
    }
  }

  /** Pulls an endpoint into the cache (only what changed, unless `full`) and returns every cached record. */
  async pull(connectionId: string, tenantId: string, endpoint: EndpointName, options: PullOptions = {}): Promise<PullResult> {
    // One pull of an endpoint at a time: a second waits for the first, then asks only for what changed since.
    const key = `${tenantId}\u0000${endpoint}`;
    const run = (this.pulling.get(key) ?? Promise.resolve()).catch(() => undefined).then(() => this.pullNow(connectionId, tenantId, endpoint, options));
    this.pulling.set(key, run);
    try {
      return await run;
    } finally {
      if (this.pulling.get(key) === run) this.pulling.delete(key);
    }
  }

  private async pullNow(connectionId: string, tenantId: string, endpoint: EndpointName, options: PullOptions): Promise<PullResult> {
    if (options.maxAgeMs !== undefined && !options.full) {
      const state = this.cache.state(tenantId, endpoint);
      if (state && this.clock.now() - Date.parse(state.fetchedAt) <= options.maxAgeMs) {
        return pullResult(
          this.cache,
          { tenantId, endpoint, read: options.read },
          { received: [], core: null, replaced: false, fetchedAt: state.fetchedAt, calls: 0 },
        );
      }
    }
    if (!this.shared) return this.pullFromXero(connectionId, tenantId, endpoint, options, null);
    const copy = this.cache.sharedVersion(tenantId, endpoint);
    return this.shared.pull(tenantId, endpoint, copy, (sync) => this.pullFromXero(connectionId, tenantId, endpoint, options, sync));
  }

  /** `sync`: with proxies sharing the pull cache, what others pulled (merged in too) and where to share what Xero sends. */
  private async pullFromXero(
    connectionId: string,
    tenantId: string,
    endpoint: EndpointName,
    options: PullOptions,
    sync: SharedSync | null,
  ): Promise<PullResult> {
    const plan = plans[endpoint];
    const { key, schema } = endpoints[endpoint];
    const state = sync ? { modifiedSince: sync.since } : this.cache.state(tenantId, endpoint);
    const incremental = !options.full && plan.modifiedSince && state?.modifiedSince ? new Date(state.modifiedSince) : undefined;
    const replaced = incremental === undefined;
    // A full pull of a paged endpoint is read and stored page by page (as the cache's next generation), so no page waits for the rest.
    const paging = replaced && plan.paged ? await this.cache.replacing(tenantId, endpoint) : null;
    const received: Array<{ id: string; body: unknown }> = [];
    const core: unknown[] | null = paging && options.read ? [] : null;
    let newest = state?.modifiedSince ?? null;
    let calls = 0;
    for (let page = 1, pageCount = 1; page <= pageCount; page++) {
      const response = await this.call(connectionId, tenantId, (api) => plan.call(api, tenantId, incremental, page, this.pageSize));
      calls++;
      const checked = schema.safeParse(response.data);
      if (!checked.success) {
        const issue = checked.error.issues[0];
        throw new XeroError(
          'malformed',
          `Xero's ${endpoint} answer was not in Xero's format (${fieldPath(issue?.path ?? [])}: ${issue?.message ?? 'invalid'}); nothing was stored: try again`,
          502,
        );
      }
      const body = response.data as Record<string, unknown>;
      const list = (body[key] as Array<Record<string, unknown>>) ?? [];
      const part = list.map((record) => ({ id: String(record[plan.id]), body: record as unknown }));
      for (const record of list) {
        const updated = xeroInstant(record.UpdatedDateUTC)?.toISOString() ?? null;
        if (updated && (!newest || updated > newest)) newest = updated;
      }
      if (paging) {
        const read = readReceived(part, options.read);
        paging.page(read.stored);
        await sync?.publish(read.stored, true);
        if (core && read.core) for (const r of read.core) core.push(r);
        else for (const r of part) received.push(r);
      } else for (const r of part) received.push(r);
      if (plan.paged) {
        const pagination = body.pagination as { pageCount?: number } | undefined;
        pageCount = typeof pagination?.pageCount === 'number' ? pagination.pageCount : list.length >= this.pageSize ? page + 1 : page;
      }
    }
    const fetchedAt = new Date(this.clock.now()).toISOString();
    const modifiedSince = plan.modifiedSince ? newest : null;
    const at = { tenantId, endpoint, read: options.read };
    if (paging) {
      const sharedVersion = await sync?.finish({ fetchedAt, modifiedSince });
      await paging.finish({ fetchedAt, modifiedSince, ...(sharedVersion === undefined ? {} : { sharedVersion }) });
      return pullResult(this.cache, at, { received, core, replaced, fetchedAt, calls });
    }
    // What other proxies pulled since this copy's version comes first (unless Xero sent everything again), then Xero's.
    const fromXero = readReceived(received, options.read);
    await sync?.publish(fromXero.stored, replaced);
    const sharedVersion = await sync?.finish({ fetchedAt, modifiedSince });
    const others = sync && !replaced ? withoutIds(sync.caughtUp, received) : [];
    const all = others.length > 0 ? [...others, ...received] : received;
    const read = others.length > 0 ? readReceived(all, options.read) : fromXero;
    const replace = replaced || (sync?.replaceCopy ?? false);
    this.cache.store(tenantId, endpoint, read.stored, { replace, fetchedAt, modifiedSince, ...(sharedVersion === undefined ? {} : { sharedVersion }) });
    return pullResult(this.cache, at, { received: all, core: read.core, replaced: replace, fetchedAt, calls });
  }
}

/** `rows` less any whose id is among `later`'s (those are newer). */
function withoutIds<R extends { id: string }>(rows: readonly R[], later: ReadonlyArray<{ id: string }>): R[] {
  const newer = new Set(later.map((r) => r.id));
  return rows.filter((r) => !newer.has(r.id));
}

/** Xero takes about 50 records per POST. */
const WRITE_BATCH = 50;
