import { z } from 'zod';

const name = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be kebab-case');
const httpUrl = z.url({ protocol: /^https?$/ }).max(2048);
// Standard Webhooks secrets: `whsec_` + base64 of 24-64 random bytes.
const whsec = z.string().regex(/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/, 'must be whsec_<base64>');

const common = {
  name,
  /** Whole-request deadline, ms. */
  timeoutMs: z.number().int().min(100).max(60_000).default(10_000),
  /** Token bucket refill, messages a second; `burst` saved up at most. */
  ratePerSec: z.number().positive().max(1000).optional(),
  burst: z.number().int().min(1).max(1000).optional(),
};

/** One receiver's endpoint, as the alerter's config lists them (routing names them; this says where). */
export const receiverConfigSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...common,
    kind: z.literal('webhook'),
    url: httpUrl,
    /** Several secrets during a rotation: every one signs, so the receiver may verify with either. */
    secrets: z.array(whsec).min(1).max(5),
  }),
  z.strictObject({ ...common, kind: z.literal('slack'), url: httpUrl }),
  z.strictObject({
    ...common,
    kind: z.literal('pagerduty'),
    url: httpUrl.default('https://events.pagerduty.com/v2/enqueue'),
    routingKey: z.string().min(1).max(64),
  }),
  z.strictObject({
    ...common,
    kind: z.literal('alertmanager'),
    /** Base URL of the Alertmanager; `/api/v2/alerts` is appended. */
    url: httpUrl,
    /**
     * How long a firing alert stays firing in Alertmanager unless re-sent, ms. Must exceed the route's
     * repeat_interval (4 h by default), the cadence at which firing alerts are re-sent; otherwise
     * Alertmanager would resolve them between two sends. Default 5 h.
     */
    firingTtlMs: z
      .number()
      .int()
      .min(60_000)
      .default(5 * 3_600_000),
  }),
  z.strictObject({
    ...common,
    kind: z.literal('email'),
    smtp: z.strictObject({
      host: z.string().min(1),
      port: z.number().int().min(1).max(65535),
      secure: z.boolean().default(false),
      user: z.string().min(1).optional(),
      password: z.string().min(1).optional(),
    }),
    from: z.email(),
    to: z.array(z.email()).min(1).max(50),
  }),
]);
export type ReceiverConfig = z.output<typeof receiverConfigSchema>;
export type ReceiverKind = ReceiverConfig['kind'];

/** Default rates: Slack's documented ~1 message/s per webhook; the others accept bursts. */
export function rateOf(receiver: ReceiverConfig): { ratePerSec: number; burst: number } {
  const slack = receiver.kind === 'slack';
  return { ratePerSec: receiver.ratePerSec ?? (slack ? 1 : 20), burst: receiver.burst ?? (slack ? 1 : 20) };
}
