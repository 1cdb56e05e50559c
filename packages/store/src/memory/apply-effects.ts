import { checkEffects, progressField } from '../effects.js';
import { compareStreamIds } from '../feed-cursor.js';
import type { ApplyOutcome, CustomerEffects, StoreLimits } from '../port.js';
import { addHistory, nextFeedId, pruneDedupe, type CustomerState } from './customer-state.js';

/**
 * applyEffects-8.lua on one customer's memory state: dedupe first (a redelivery is a duplicate, never a
 * conflict), then the revision check, then per-item version checks, summary, history, feed, position.
 * `scored` is called when a summary is stored (the customer joins the listing).
 */
export function applyToState(
  s: CustomerState,
  effects: CustomerEffects,
  limits: StoreLimits,
  t: number,
  scored: (customerId: string) => void,
): ApplyOutcome {
  checkEffects(effects);
  const marker = s.dedupe.get(effects.eventId);
  if (marker !== undefined && marker.expiry > t) {
    return { status: 'duplicate', customerId: effects.customerId, feedId: marker.feedId };
  }
  if (effects.expectedRevision !== undefined && effects.expectedRevision !== s.revision) {
    return { status: 'conflict', customerId: effects.customerId, revision: s.revision };
  }
  s.revision += 1;
  let stale = 0;
  // A written value replaces the stored entry, parsed form and all, so readers never see the old one.
  const items = [
    ...(effects.factors ?? []).map((f) => {
      const json = JSON.stringify(f);
      return { field: f.id, write: () => s.factors.set(f.id, { json }) };
    }),
    ...(effects.exposures ?? []).map((x) => {
      const json = JSON.stringify(x);
      return { field: `s:${x.factorId}`, write: () => s.shared.set(x.factorId, { json }) };
    }),
  ];
  for (const item of items) {
    const stored = s.versions.get(item.field);
    if (stored !== undefined && stored > effects.version) {
      stale += 1;
      continue;
    }
    item.write();
    s.factorsRead = null;
    s.versions.set(item.field, effects.version);
  }
  if (effects.summary !== undefined) {
    const at = Date.parse(effects.summary.at);
    const json = JSON.stringify(effects.summary);
    if (s.summary === null || s.summary.at <= at) s.summary = { json, at };
    else stale += 1;
    addHistory(s, at, json, limits.historyMaxEntries);
    scored(effects.customerId);
  }
  let feedId: string | null = null;
  if (effects.change !== undefined) {
    feedId = nextFeedId(s, t);
    s.feed.push({ id: feedId, json: JSON.stringify(effects.change) });
    const minId = `${String(t - limits.feedMaxAgeMs)}-0`;
    // Feed ids only grow, so what is too old is a prefix: drop it without re-checking the rest.
    const recent = s.feed.length > limits.feedMaxEntries ? s.feed.slice(-limits.feedMaxEntries) : s.feed;
    const keepFrom = recent.findIndex((e) => compareStreamIds(e.id, minId) >= 0);
    s.feed = keepFrom === -1 ? [] : keepFrom === 0 ? recent : recent.slice(keepFrom);
  }
  if (effects.position !== undefined)
    s.progress.set(progressField(effects.position), effects.position.offset);
  pruneDedupe(s, t);
  s.dedupe.set(effects.eventId, { expiry: t + limits.dedupeTtlMs, feedId });
  return { status: 'applied', customerId: effects.customerId, stale, feedId };
}
