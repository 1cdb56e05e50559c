import type { EventBus, EventTopic } from '@trustwatch/bus';
import type { CloudEvent } from '@trustwatch/schemas';
import type { TrustStore } from '@trustwatch/store';
import { firmwareSwap } from './events.js';
import { PORTFOLIO, sleep } from './harness.js';

/**
 * `count` firmware image swaps for the given customers' assets in turn, an hour apart from `firstHour`
 * hours after 2026-11-20. Only firmware.changed, keyed by customer: one customer's events share a
 * partition and keep their order, so the final state does not depend on how partitions interleave.
 */
export function swapSeries(customers: readonly string[], count: number, firstHour = 0): CloudEvent[] {
  const assets = customers.flatMap((customerId) =>
    (PORTFOLIO.customers[customerId] ?? []).map((asset) => ({ customerId, assetId: asset.id })),
  );
  return Array.from({ length: count }, (_, i) => {
    const target = assets[(i * 7) % assets.length];
    if (target === undefined) throw new Error(`no fixture assets for ${customers.join(', ')}`);
    const at = new Date(Date.parse('2026-11-20T00:00:00Z') + (firstHour + i) * 3_600_000).toISOString();
    return firmwareSwap(target.customerId, target.assetId, at);
  });
}

/** Polls `check` every 25 ms until it holds; throws naming `what` after `timeoutMs`. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** Sum of a group's committed offsets on a topic: the number of records it has finished. */
export async function committedCount(bus: EventBus, groupId: string, topic: EventTopic): Promise<number> {
  const offsets = await bus.committedOffsets(groupId, topic);
  return [...offsets.values()].reduce((sum, offset) => sum + Number(offset), 0);
}

/** Sum of the store's resume offsets on a topic: the number of records whose effects it holds. */
export async function resumedCount(store: TrustStore, topic: EventTopic): Promise<number> {
  const offsets = await store.resumeOffsets(topic);
  return [...offsets.values()].reduce((sum, offset) => sum + Number(offset), 0);
}
