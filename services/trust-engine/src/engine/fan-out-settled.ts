import type {
  ApplyExtras,
  ApplyOutcome,
  CustomerEffects,
  CustomerSnapshot,
  TrustStore,
} from '@trustwatch/store';
import { EngineError } from '../errors.js';

/** An outcome once conflicts were resolved: applied or duplicate. */
export type SettledOutcome = Exclude<ApplyOutcome, { status: 'conflict' }>;

// Each round re-reads only the customers another instance moved; five rounds of losing the same race
// means sustained contention, which the bus's retry (with backoff) handles better than a tight loop.
const MAX_ROUNDS = 5;

/**
 * The store's fan-out, repeated for the customers it reports as `conflict` (another engine instance
 * applied to them between this one's read and apply): they are read again and `compute` runs again
 * on their current state, so the stored summary always reflects every factor. In the common case
 * (no concurrent writer) this is exactly one fan-out and nothing is read back. Shared factors travel
 * with the first round only. Throws a retriable `CONTENDED` after the last round.
 *
 * The Kafka position never runs ahead of the applied state: every round asks the store to record it
 * with that round's last writes only if no customer of the round came back `conflict`
 * (`progressIfClean`, no round trip of its own). A round that leaves conflicts records nothing, and the
 * next round asks again; so a recorded position means every customer of the event was applied, and a
 * Redis restart that loses a retry also loses the position, and the rewind handles the event again.
 */
export async function fanOutSettled(
  store: Pick<TrustStore, 'fanOut'>,
  customerIds: readonly string[],
  compute: (snapshots: readonly CustomerSnapshot[]) => readonly CustomerEffects[],
  extras: ApplyExtras = {},
): Promise<SettledOutcome[]> {
  const { progress, ...first } = extras;
  const settled = new Map<string, SettledOutcome>();
  let pending = customerIds;
  // Round 0 runs even without customers: the shared factors must be stored (a later fleet binds them).
  for (let round = 0; round === 0 || pending.length > 0; round += 1) {
    if (round === MAX_ROUNDS) {
      throw new EngineError('CONTENDED', `${String(pending.length)} customers changed under every fan-out`);
    }
    const outcomes = await store.fanOut(pending, compute, {
      ...(round === 0 ? first : {}),
      ...(progress === undefined ? {} : { progressIfClean: progress }),
    });
    const conflicts: string[] = [];
    for (const outcome of outcomes) {
      if (outcome.status === 'conflict') conflicts.push(outcome.customerId);
      else settled.set(outcome.customerId, outcome);
    }
    pending = conflicts;
  }
  return customerIds.flatMap((id) => {
    const outcome = settled.get(id);
    return outcome === undefined ? [] : [outcome];
  });
}
