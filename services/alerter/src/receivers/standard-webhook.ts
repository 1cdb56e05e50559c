import { createHmac } from 'node:crypto';

/**
 * One `v1,<base64>` signature per the Standard Webhooks spec: HMAC-SHA256 keyed with the base64-decoded
 * part of the `whsec_` secret, over `<id>.<timestamp>.<body>`.
 */
export function signWebhook(secret: string, id: string, timestampSec: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const mac = createHmac('sha256', key)
    .update(`${id}.${String(timestampSec)}.${body}`)
    .digest('base64');
  return `v1,${mac}`;
}

/**
 * The three Standard Webhooks headers. `id` is the delivery unit's idempotency key, the same on every
 * retry; the timestamp and signatures are fresh per attempt. Every secret signs (space-separated), so a
 * receiver rotating its secret accepts either.
 */
export function webhookHeaders(
  secrets: readonly string[],
  id: string,
  timestampSec: number,
  body: string,
): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestampSec),
    'webhook-signature': secrets.map((s) => signWebhook(s, id, timestampSec, body)).join(' '),
  };
}
