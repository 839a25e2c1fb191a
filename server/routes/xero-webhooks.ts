import express, { Router } from 'express';
import type { WebhookPulls } from '../jobs/webhook-pulls';
import { signedBy, webhookBatchSchema } from '../xero/webhook-events';

/**
 * POST /webhooks/xero, which Xero calls (not the pane): the raw body's signature is checked against the app's webhook
 * key (XERO_WEBHOOK_KEY) before anything is read from it. Signed: 200 with an empty body (an intent-to-receive has no
 * events), and the pulls the events ask for start in the background. Not signed: 401 with an empty body, as Xero's
 * intent-to-receive expects.
 */
export function xeroWebhookRoutes(deps: { key: string; pulls: WebhookPulls }): Router {
  const router = Router();
  router.post('/webhooks/xero', express.raw({ type: () => true, limit: '1mb' }), (req, res) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!signedBy(deps.key, body, req.get('x-xero-signature'))) {
      res.status(401).end();
      return;
    }
    let batch;
    try {
      batch = webhookBatchSchema.safeParse(JSON.parse(body.toString('utf8')));
    } catch {
      batch = null;
    }
    // Signed but not a batch this proxy understands: acknowledged (Xero would only send it again), nothing done.
    if (batch?.success) deps.pulls.start(batch.data);
    res.status(200).end();
  });
  return router;
}
