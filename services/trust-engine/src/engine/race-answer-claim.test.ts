import type { CloudEvent } from '@trustwatch/schemas';
import type { Policy } from '@trustwatch/scoring';
import { createMemoryTrustStore } from '@trustwatch/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../policy.js';
import { directEngine, seedPortfolio } from '../test-support/direct.js';
import { answers, bigHack } from '../test-support/events.js';
import { storeState } from '../test-support/harness.js';
import { gateStore, type GatedMethod, type GatePoint } from './race-gate.js';

/** The store after one engine handled the events one after another: what any interleaving must leave. */
async function sequential(policy: Policy, events: readonly CloudEvent[]) {
  const engine = await directEngine(policy);
  await seedPortfolio(engine.store);
  for (const event of events) await engine.feed(event);
  return storeState(engine.store);
}

/**
 * Two engine instances on one store: after the `earlier` events, `held` handles its event up to the
 * gated store call, `other` handles its event entirely meanwhile, then `held` goes on.
 */
async function interleave(
  policy: Policy,
  held: { event: CloudEvent; method: GatedMethod; point: GatePoint },
  other: CloudEvent,
  earlier: readonly CloudEvent[] = [],
) {
  const store = createMemoryTrustStore();
  await seedPortfolio(store);
  const gate = gateStore(store, held.method, held.point);
  const first = await directEngine(policy, gate.store);
  const second = await directEngine(policy, store);
  for (const event of earlier) await second.feed(event);
  const running = first.feed(held.event);
  await gate.reached(running);
  await second.feed(other);
  gate.release();
  await running;
  return storeState(store);
}

/** Scores and factors per customer, leaving out the feed: one apply may record what two did in turn. */
function trustOf(state: Awaited<ReturnType<typeof storeState>>) {
  return Object.fromEntries(
    Object.entries(state).map(([id, { summary, factors }]) => [id, { summary, factors }]),
  );
}

/** Bound factors of the Super Micro customers: the claim and the answers it holds. */
function claimsOf(state: Awaited<ReturnType<typeof storeState>>) {
  return ['acme', 'globex'].map((id) => state[id]?.factors);
}

describe('a claim and its answer handled at the same moment by two engine instances', () => {
  let policy: Policy;
  beforeAll(async () => {
    policy = await loadPolicy();
  });
  const denial = () => answers()[0] as CloudEvent;

  it('applies the answer when its instance looked for the claim before the claim was stored', async () => {
    const reference = await sequential(policy, [bigHack(), denial()]);
    const raced = await interleave(
      policy,
      { event: denial(), method: 'putPendingAnswer', point: 'before' },
      bigHack(),
    );
    expect(raced).toEqual(reference);
  });

  it('keeps the answer on the claim when the claim read the kept answers before the answer came', async () => {
    const reference = await sequential(policy, [bigHack(), denial()]);
    const raced = await interleave(
      policy,
      { event: bigHack(), method: 'pendingAnswers', point: 'after' },
      denial(),
    );
    // The claim's customers are scored with its older copy plus the answer the stored copy holds.
    expect(claimsOf(raced)).toEqual(claimsOf(reference));
    expect(trustOf(raced)).toEqual(trustOf(reference));
  });

  it('counts the answer once when the claim merged it and its own instance applies it too', async () => {
    const reference = await sequential(policy, [bigHack(), denial()]);
    // Held after keeping the answer and before looking for the claim, which then takes the kept answer.
    const raced = await interleave(
      policy,
      { event: denial(), method: 'getSharedFactor', point: 'before' },
      bigHack(),
    );
    expect(trustOf(raced)).toEqual(trustOf(reference));
    expect(raced['acme']?.factors[0]?.reassessments).toHaveLength(1);
  });
});

describe('two answers to one claim handled at the same moment by two engine instances', () => {
  let policy: Policy;
  beforeAll(async () => {
    policy = await loadPolicy();
  });

  it('keeps both answers on the claim when the earlier one is applied last', async () => {
    const [apple, amazon] = answers() as [CloudEvent, CloudEvent];
    const reference = await sequential(policy, [bigHack(), apple, amazon]);
    const raced = await interleave(policy, { event: apple, method: 'fanOut', point: 'before' }, amazon, [
      bigHack(),
    ]);
    expect(claimsOf(raced)).toEqual(claimsOf(reference));
    expect(trustOf(raced)).toEqual(trustOf(reference));
  });
});
