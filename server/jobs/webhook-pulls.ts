import type { Logger } from 'pino';
import type { XeroConnections } from '../xero/connections';
import type { XeroGateway } from '../xero/gateway';
import type { WebhookBatch } from '../xero/webhook-events';
import { endpointsNamed } from '../xero/webhook-events';
import type { JobClaims } from './claims';

/**
 * After a Xero webhook: an incremental pull of each endpoint the batch names, in the background (Xero wants its
 * answer within 5 s), within the organisation's limits like any other call. Each pull is a job claimed in the store,
 * keyed by the batch's event sequence, so that it runs once however many proxies there are and however often Xero
 * delivers the batch again.
 */
export class WebhookPulls {
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly deps: {
      connections: XeroConnections;
      gateway: XeroGateway;
      claims: JobClaims;
      logger: Logger;
      /** Told when a pull brought changes (scheduled reports that run when receivables change). */
      onChange?: (tenantId: string, endpoint: string) => Promise<void>;
    },
  ) {}

  /** Starts the batch's pulls and returns at once. */
  start(batch: WebhookBatch): void {
    for (const { tenantId, endpoint } of endpointsNamed(batch)) {
      const key = `xero-webhook:${tenantId}:${endpoint}:${batch.firstEventSequence}-${batch.lastEventSequence}`;
      const run = this.pull(key, tenantId, endpoint).finally(() => this.running.delete(run));
      this.running.add(run);
    }
  }

  /** Resolves once every pull started so far has ended (tests; a stopping proxy). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private async pull(key: string, tenantId: string, endpoint: Parameters<XeroGateway['pull']>[2]): Promise<void> {
    const { connections, gateway, claims, logger } = this.deps;
    try {
      const connectionId = await connections.connectionFor(tenantId);
      // An organisation no connection here reaches (another app's, or disconnected): nothing to pull.
      if (!connectionId || !(await claims.claim(key))) return;
      try {
        const result = await gateway.pull(connectionId, tenantId, endpoint);
        await claims.finish(key, `done: ${result.calls} calls`);
        logger.info({ tenantId, endpoint, calls: result.calls }, 'Pulled what changed after a Xero webhook');
        if (result.changed.length > 0) await this.deps.onChange?.(tenantId, endpoint);
      } catch (err) {
        await claims.finish(key, `failed: ${(err as Error).message}`);
        throw err;
      }
    } catch (err) {
      logger.warn({ tenantId, endpoint, err: (err as Error).message }, 'The pull after a Xero webhook failed; the next read pulls what changed');
    }
  }
}
