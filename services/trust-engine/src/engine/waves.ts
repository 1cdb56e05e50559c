import type { TrustwatchEvent } from '@trustwatch/schemas';

/**
 * What planning an event reads and writes, as far as it matters for planning several events at once.
 * `alone`: a fan-out (news, advisory, fleet re-import) plans and applies on its own, as before; so do
 * the types the engine does not act on (they are skipped).
 */
export type Footprint =
  | { readonly kind: 'alone' }
  | {
      readonly kind: 'wave';
      /** The customer a firmware event belongs to (known before planning). */
      readonly customerId?: string;
      /** The supplier whose links a supplier change writes and reads. */
      readonly supplierId?: string;
      /** Planning writes the customer's fleet (a firmware snapshot), which vendor shares derive from. */
      readonly writesFleet: boolean;
      /** Planning reads vendor shares across fleets (binding a supplier factor to the vendor's customers). */
      readonly readsFleets: boolean;
    };

/** How an event takes part in a wave. */
export function footprintOf(event: TrustwatchEvent): Footprint {
  switch (event.type) {
    case 'com.trustwatch.firmware.changed.v1':
      return { kind: 'wave', customerId: event.data.customerId, writesFleet: false, readsFleets: false };
    case 'com.trustwatch.firmware.observed.v1':
      return { kind: 'wave', customerId: event.data.customerId, writesFleet: true, readsFleets: false };
    case 'com.trustwatch.supplier.changed.v1':
      return { kind: 'wave', supplierId: event.data.supplierId, writesFleet: false, readsFleets: true };
    case 'com.trustwatch.news.classified.v1':
    case 'com.trustwatch.advisory.published.v1':
    case 'com.trustwatch.fleet.changed.v1':
    case 'com.trustwatch.news.published.v1':
    case 'com.trustwatch.trust.changed.v1':
    case 'com.trustwatch.alert.v1':
      return { kind: 'alone' };
  }
}

/**
 * Where the wave starting at `start` ends (exclusive): the longest run of events whose planning does not
 * depend on one another, so planning them all at once reads what planning them in order would have read.
 * Always at least one event. An event is admitted unless
 * - it must be planned alone (a fan-out), or the wave already holds one;
 * - it is a firmware event of a customer already in the wave (each scores on the previous one's state);
 * - it is a supplier change of a supplier already in the wave (relocations read the links others write);
 * - one side writes a fleet and the other reads vendor shares across fleets.
 * Plans can still overlap in the customers they touch (a supplier change reaching a customer whose
 * firmware changed): {@link disjointPrefix} cuts the wave there after planning.
 */
export function waveEnd(footprints: readonly Footprint[], start: number): number {
  const first = footprints[start];
  if (first === undefined || first.kind === 'alone') return start + 1;
  const customers = new Set<string>();
  const suppliers = new Set<string>();
  let writesFleet = false;
  let readsFleets = false;
  let end = start;
  for (; end < footprints.length; end += 1) {
    const next = footprints[end];
    if (next === undefined || next.kind === 'alone') break;
    if (next.customerId !== undefined && customers.has(next.customerId)) break;
    if (next.supplierId !== undefined && suppliers.has(next.supplierId)) break;
    if ((next.writesFleet && readsFleets) || (next.readsFleets && writesFleet)) break;
    if (next.customerId !== undefined) customers.add(next.customerId);
    if (next.supplierId !== undefined) suppliers.add(next.supplierId);
    writesFleet ||= next.writesFleet;
    readsFleets ||= next.readsFleets;
  }
  return Math.max(end, start + 1);
}

/** What a planned event touches: the customers it re-scores and the shared factors it writes. */
export interface PlanTouch {
  readonly customerIds: readonly string[];
  readonly sharedIds: readonly string[];
}

/**
 * How many of the planned events, from the first, can be applied together: the store applies one effect
 * per customer per call and a shared factor once, so the prefix stops before the first plan touching a
 * customer or shared factor an earlier plan of the prefix touches. At least one. The events after it are
 * planned again once the prefix is applied, on the state it left.
 */
export function disjointPrefix(touches: readonly PlanTouch[]): number {
  const customers = new Set<string>();
  const shared = new Set<string>();
  let count = 0;
  for (const touch of touches) {
    const overlaps =
      touch.customerIds.some((id) => customers.has(id)) || touch.sharedIds.some((id) => shared.has(id));
    if (overlaps && count > 0) break;
    for (const id of touch.customerIds) customers.add(id);
    for (const id of touch.sharedIds) shared.add(id);
    count += 1;
  }
  return Math.max(count, Math.min(1, touches.length));
}
