import crypto from 'node:crypto';
import type { Clock } from '../xero/limiter';

export type DeliveryWebhook = { hosts: string[]; secret: string };

/** The host (and port, when given) an address names, as DELIVERY_WEBHOOK_HOSTS lists them. */
function hostOf(url: URL): string {
  return url.port ? `${url.hostname}:${url.port}`.toLowerCase() : url.hostname.toLowerCase();
}

/**
 * Whether reports may be posted to `address`: HTTPS (plain HTTP to this machine only) to a host the administrator
 * listed, so that a pane user cannot make the proxy post to anything else on its network. Answers why not, or null.
 */
export function refusal(config: DeliveryWebhook | null | undefined, address: string): string | null {
  if (!config) return 'this proxy posts no reports (its administrator sets DELIVERY_WEBHOOK_HOSTS and DELIVERY_WEBHOOK_SECRET): leave the webhook out';
  const url = new URL(address);
  const local = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !local) return 'expected an https:// address';
  if (!config.hosts.includes(hostOf(url)) && !config.hosts.includes(url.hostname.toLowerCase())) {
    return `${hostOf(url)} is not among the hosts this proxy posts to: ask its administrator to add it to DELIVERY_WEBHOOK_HOSTS`;
  }
  return null;
}

export type Delivery = {
  schedule: { id: string; name: string };
  run: { id: string; occurrence: string };
  organisation: { tenantId: string; name: string };
  dates: Record<string, string>;
};

/**
 * Posts a run's files as JSON (each file base64) with X-Bridge-Signature: the body's HMAC-SHA256 under
 * DELIVERY_WEBHOOK_SECRET, base64, for the receiver to check; Idempotency-Key is the run's id. A 5xx or no answer is
 * tried again after 10 and 20 seconds; a 4xx ends it. Answers what happened, for the run's log.
 */
export async function postRun(
  config: DeliveryWebhook,
  address: string,
  delivery: Delivery,
  files: Array<{ name: string; format: 'pdf' | 'csv'; content: Buffer }>,
  clock: Clock,
): Promise<{ ok: boolean; said: string }> {
  const why = refusal(config, address);
  if (why) return { ok: false, said: `Not posted: ${why}` };
  const body = JSON.stringify({
    ...delivery,
    files: files.map((f) => ({ name: f.name, contentType: f.format === 'pdf' ? 'application/pdf' : 'text/csv', content: f.content.toString('base64') })),
  });
  const signature = crypto.createHmac('sha256', config.secret).update(body).digest('base64');
  const host = new URL(address).host;
  for (let attempt = 1; ; attempt++) {
    let said: string;
    try {
      const answer = await fetch(address, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Bridge-Signature': signature, 'Idempotency-Key': delivery.run.id },
        body,
        redirect: 'error',
        signal: AbortSignal.timeout(30_000),
      });
      await answer.arrayBuffer().catch(() => undefined);
      if (answer.ok) return { ok: true, said: `Posted to ${host}: ${answer.status}` };
      said = `Not posted: ${host} answered ${answer.status}`;
      if (answer.status < 500) return { ok: false, said };
    } catch (err) {
      said = `Not posted: ${host} could not be reached (${(err as Error).message})`;
    }
    if (attempt >= 3) return { ok: false, said };
    await clock.sleep(10_000 * attempt);
  }
}
