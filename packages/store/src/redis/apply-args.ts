import { progressField } from '../effects.js';
import { scriptError, StoreError } from '../errors.js';
import type { StoreKeys } from '../keys.js';
import type { ApplyOutcome, CustomerEffects, StoreLimits } from '../port.js';

/** KEYS then ARGV of applyEffects-8.lua for one customer's effects (see the script's header). */
export function applyEffectsArgs(
  keys: StoreKeys,
  limits: StoreLimits,
  now: number,
  effects: CustomerEffects,
): (string | number)[] {
  const k = keys.customer(effects.customerId);
  const factors = effects.factors ?? [];
  const exposures = effects.exposures ?? [];
  const args: (string | number)[] = [
    k.dedupe(effects.eventId),
    k.factors,
    k.versions,
    k.shared,
    k.summary,
    k.history,
    k.feed,
    k.progress,
    effects.eventId,
    effects.version,
    limits.dedupeTtlMs,
    factors.length,
    exposures.length,
    effects.summary === undefined ? '' : JSON.stringify(effects.summary),
    effects.summary === undefined ? 0 : Date.parse(effects.summary.at),
    effects.change === undefined ? '' : JSON.stringify(effects.change),
    limits.feedMaxEntries,
    now,
    limits.feedMaxAgeMs,
    limits.historyMaxEntries,
    effects.position === undefined ? '' : progressField(effects.position),
    effects.position === undefined ? 0 : effects.position.offset,
    effects.expectedRevision === undefined ? '' : effects.expectedRevision,
  ];
  for (const factor of factors) args.push(factor.id, JSON.stringify(factor));
  for (const exposure of exposures) args.push(exposure.factorId, JSON.stringify(exposure));
  return args;
}

/** Reads applyEffects-8.lua's reply: {1, stale, feedId}, {0, feedId}, {2, revision} or {negative code}. */
export function parseApplyReply(customerId: string, reply: unknown): ApplyOutcome {
  if (!Array.isArray(reply) || typeof reply[0] !== 'number') {
    throw new StoreError('CORRUPT_STATE', 'applyEffects returned an unexpected reply');
  }
  const [status, second, third] = reply as [number, unknown, unknown];
  if (status === 0 && typeof second === 'string') {
    return { status: 'duplicate', customerId, feedId: second === '' ? null : second };
  }
  if (status === 2 && typeof second === 'number') return { status: 'conflict', customerId, revision: second };
  const [stale, feedId] = [second, third];
  if (status === 1 && typeof stale === 'number' && typeof feedId === 'string') {
    return { status: 'applied', customerId, stale, feedId: feedId === '' ? null : feedId };
  }
  throw scriptError('applyEffects', status);
}
