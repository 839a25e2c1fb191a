import crypto from 'node:crypto';
import request from 'supertest';
import { JobClaims } from '../../server/jobs/claims';
import { WebhookPulls } from '../../server/jobs/webhook-pulls';
import { createLogger } from '../../server/logger';
import { sqliteStore } from '../../server/storage/sql';
import { testApp } from './helpers';
import { TENANT, xeroHarness } from './xero-harness';

/**
 * Issue 16 (and 15's background work run once): Xero's webhooks. The signature is checked on the raw body; an
 * intent-to-receive gets 200 with an empty body or 401; an event leads to one incremental pull of what it names.
 */
const KEY = 'webhook-key-from-the-xero-app-page';
const sign = (body: string, key = KEY) => crypto.createHmac('sha256', key).update(body).digest('base64');

async function setUp() {
  const h = await xeroHarness();
  const changes: string[] = [];
  const pulls = new WebhookPulls({
    connections: h.connections,
    gateway: h.gateway,
    claims: new JobClaims(sqliteStore(h.db)),
    logger: createLogger('silent'),
    onChange: async (tenantId, endpoint) => void changes.push(`${tenantId} ${endpoint}`),
  });
  const { app } = testApp({ webhooks: { key: KEY, pulls } });
  const post = (body: string, signature: string | null) => {
    const req = request(app).post('/webhooks/xero').set('Content-Type', 'application/json');
    return (signature === null ? req : req.set('x-xero-signature', signature)).send(body);
  };
  return { h, pulls, post, changes };
}

const batch = (events: object[], sequence = 1) =>
  JSON.stringify({ events, firstEventSequence: sequence, lastEventSequence: sequence + events.length - 1, entropy: 'KXWJNHHYCTULIDPRSDNM' });
const invoiceEvent = {
  tenantId: TENANT,
  tenantType: 'ORGANISATION',
  eventCategory: 'INVOICE',
  eventType: 'UPDATE',
  resourceId: 'x',
  eventDateUtc: '2026-11-28T01:15:39.902',
};

describe('Xero webhooks', () => {
  it("answer Xero's intent-to-receive: 200 with an empty body when signed with the key, 401 (empty) when not", async () => {
    const { h, post } = await setUp();
    try {
      const body = batch([], 0);
      const right = await post(body, sign(body));
      expect(right.status).toBe(200);
      expect(right.text).toBe('');
      for (const signature of [sign(body, 'another-key'), sign(`${body} `), 'bm90IGEgc2lnbmF0dXJl', null]) {
        const wrong = await post(body, signature);
        expect(wrong.status).toBe(401);
        expect(wrong.text).toBe('');
      }
      // The signature covers the bytes as sent: the same JSON laid out otherwise is not signed.
      expect((await post(JSON.stringify(JSON.parse(body), null, 2), sign(body))).status).toBe(401);
    } finally {
      await h.close();
    }
  });

  it('pull only what changed in the endpoint an event names, once, however often Xero delivers it', async () => {
    const { h, pulls, post, changes } = await setUp();
    try {
      await h.gateway.pull(h.connectionId, TENANT, 'Invoices');
      const before = h.standIn.calls.length;
      // An invoice changed in Xero (a payment, say): the pull brings it, and "when receivables change" schedules hear of it.
      Object.assign(h.standIn.records(TENANT, 'Invoices')[3]!, { Reference: 'Paid in part', UpdatedDateUTC: `/Date(${Date.UTC(2027, 0, 1)}+0000)/` });
      const body = batch([invoiceEvent, { ...invoiceEvent, resourceId: 'y' }], 41);
      const started = Date.now();
      expect((await post(body, sign(body))).status).toBe(200);
      expect(Date.now() - started).toBeLessThan(5000);
      await pulls.idle();
      // Xero delivers the same batch again (it did not hear our answer in time).
      expect((await post(body, sign(body))).status).toBe(200);
      await pulls.idle();
      const after = h.standIn.calls.slice(before);
      expect(after.map((c) => c.endpoint)).toEqual(['Invoices']);
      expect(after[0]?.ifModifiedSince).not.toBeNull();
      expect(changes).toEqual([`${TENANT} Invoices`]);
    } finally {
      await h.close();
    }
  });

  it('acknowledge events for an organisation no connection here reaches, and categories it does not read, without calling Xero', async () => {
    const { h, pulls, post } = await setUp();
    try {
      const body = batch(
        [
          { ...invoiceEvent, tenantId: 'someone-elses-organisation' },
          { ...invoiceEvent, eventCategory: 'SUBSCRIPTION' },
        ],
        7,
      );
      expect((await post(body, sign(body))).status).toBe(200);
      await pulls.idle();
      expect(h.standIn.calls).toHaveLength(0);
    } finally {
      await h.close();
    }
  });
});
