import { createDeliveryEngine, type EngineOptions } from '../delivery/engine.js';
import { createMemoryOutbox } from '../outbox/memory-outbox.js';
import type { OutboxPort } from '../outbox/outbox-port.js';
import type { ReceiverConfig } from '../receivers/receiver-config.js';
import { receiverConfigSchema } from '../receivers/receiver-config.js';
import { checkPolicy } from '../ssrf/address-policy.js';

/** Tests reach loopback receivers, so they allow-list 127.0.0.1 explicitly (production allows none). */
export const LOOPBACK_ONLY = checkPolicy({ allow: ['127.0.0.1/32'], allowHosts: [] });

/** Parses receiver configs the way the alerter's config does (defaults applied). */
export function receivers(...inputs: unknown[]): ReceiverConfig[] {
  return inputs.map((i) => receiverConfigSchema.parse(i));
}

/** A settable clock. */
export function manualClock(start = Date.UTC(2026, 10, 25, 0, 0, 0)): {
  now: () => number;
  advance: (ms: number) => void;
} {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

/** An engine over a memory outbox (unless one is given), loopback allow-listed, deterministic jitter. */
export function testEngine(options: Partial<EngineOptions> & { receivers: ReceiverConfig[] }): {
  engine: ReturnType<typeof createDeliveryEngine>;
  outbox: OutboxPort;
} {
  const outbox = options.outbox ?? createMemoryOutbox();
  const engine = createDeliveryEngine({
    policy: LOOPBACK_ONLY,
    random: () => 0.5,
    leaseMs: 30_000,
    ...options,
    outbox,
  });
  return { engine, outbox };
}
