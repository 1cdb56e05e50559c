import type { EventBus, EventHandler, HandlerOutcome } from '@trustwatch/bus';
import type { TrustStore } from '@trustwatch/store';
import { detectChanges } from '../detect/detect-changes.js';
import { changedEvent, type ObservedEvent } from './events.js';
import { isOlder, type AssetSnapshots } from './snapshot-store.js';
import { catalogLookupFor, type VendorKey } from './store-catalog.js';

/** What handling one snapshot needs; the composition root passes the real adapters. */
export interface ObservedDeps {
  readonly bus: EventBus;
  readonly store: TrustStore;
  readonly snapshots: AssetSnapshots;
  /** How the known-good catalog keys vendors (default: the shipped entity catalog's ids). */
  readonly vendorKey?: VendorKey;
}

/** What handling one snapshot did, for counters and tests. */
export type ObservedOutcome =
  | { readonly kind: 'baseline' }
  | { readonly kind: 'compared'; readonly changes: number }
  | { readonly kind: 'stale' };

/**
 * Handles one `firmware.observed` snapshot: diffs it against the asset's last known one, publishes one
 * `firmware.changed` per changed component, then remembers the snapshot. The exposure index (the
 * customer's fleet) is the trust engine's to write: it consumes the same snapshot. The snapshot is stored last: after a crash the redelivered snapshot produces the same
 * changes with the same event ids, which downstream consumers deduplicate.
 */
export async function handleObserved(event: ObservedEvent, deps: ObservedDeps): Promise<ObservedOutcome> {
  const current = event.data;
  const stored = await deps.snapshots.get(current.customerId, current.assetId);
  // A snapshot older than the one we hold says nothing about the present (a replay, a slow collector).
  if (stored !== undefined && isOlder(current, stored.snapshot)) return { kind: 'stale' };
  // First sight is a baseline: no changes, so no catalog lookups either.
  const changes =
    stored === undefined
      ? []
      : detectChanges({
          previous: stored.snapshot,
          current,
          snapshotId: event.id,
          catalog: await catalogLookupFor(deps.store, current, deps.vendorKey),
        });
  if (changes.length > 0) await deps.bus.publish('firmware.changed', changes.map(changedEvent));
  await deps.snapshots.put({ snapshot: current, snapshotId: event.id });
  return stored === undefined ? { kind: 'baseline' } : { kind: 'compared', changes: changes.length };
}

/** The bus handler around {@link handleObserved}; `onOutcome` sees every result. */
export function createObservedHandler(
  deps: ObservedDeps,
  onOutcome: (outcome: ObservedOutcome) => void = () => undefined,
): EventHandler {
  return async (event, context): Promise<HandlerOutcome> => {
    // The topic catalog admits only snapshots here; anything else is a wiring mistake, not data.
    if (event.type !== 'com.trustwatch.firmware.observed.v1') {
      return { status: 'skipped', reason: `unexpected type ${event.type}` };
    }
    const outcome = await handleObserved(event, deps);
    onOutcome(outcome);
    if (outcome.kind === 'stale') return { status: 'skipped', reason: 'older than the stored snapshot' };
    context.log.debug({ assetId: event.data.assetId, outcome }, 'snapshot handled');
    return { status: 'done' };
  };
}
