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
 * The events to plan together next: indices into the run, taken from `pending` (the indices of the
 * events not handled yet, in run order). The first pending event always, then every later one whose
 * planning depends on no earlier pending event, so planning them all at once reads what planning the
 * run in order would have read. A later event is left for a later wave when, against any earlier
 * pending event (in this wave or left out of it):
 * - it is a firmware event of the same customer (each scores on the previous one's state);
 * - it is a supplier change of the same supplier (relocations read the links others write);
 * - one side writes a fleet and the other reads vendor shares across fleets.
 * A fan-out (or a type the engine skips) is planned alone, and nothing after it joins a wave before it
 * is handled; nor after a waiting supplier change, whose customers are known only once it is planned. Waves are not runs of consecutive events: with a partition's customers repeating every few
 * dozen events, cutting at the first repeat made a wave of a few dozen; skipping over it makes one wave
 * per repeat of the busiest customer. Plans can still overlap in the customers they touch (a supplier
 * change reaching a customer whose firmware changed): {@link disjointSubset} splits the wave there
 * after planning.
 */
export function nextWave(footprints: readonly Footprint[], pending: readonly number[]): number[] {
  const [first] = pending;
  if (first === undefined) return [];
  if (footprints[first]?.kind !== 'wave') return [first];
  const customers = new Set<string>();
  const suppliers = new Set<string>();
  let writesFleet = false;
  let readsFleets = false;
  const wave: number[] = [];
  for (const index of pending) {
    const next = footprints[index];
    if (next === undefined || next.kind === 'alone') break;
    const waits =
      (next.customerId !== undefined && customers.has(next.customerId)) ||
      (next.supplierId !== undefined && suppliers.has(next.supplierId)) ||
      (next.writesFleet && readsFleets) ||
      (next.readsFleets && writesFleet);
    // A waiting supplier change reaches customers only planning finds: any later event might be one of
    // theirs, so none may overtake it.
    if (waits && next.customerId === undefined) break;
    if (!waits) wave.push(index);
    // A waiting event holds back whatever depends on it, as one in the wave does.
    if (next.customerId !== undefined) customers.add(next.customerId);
    if (next.supplierId !== undefined) suppliers.add(next.supplierId);
    writesFleet ||= next.writesFleet;
    readsFleets ||= next.readsFleets;
  }
  return wave;
}

/** What a planned event touches: the customers it re-scores and the shared factors it writes. */
export interface PlanTouch {
  readonly customerIds: readonly string[];
  readonly sharedIds: readonly string[];
}

/**
 * Which of a wave's planned events apply together (their positions in `touches`, ascending): the store
 * applies one effect per customer per call and a shared factor once, so an event is left out when it
 * touches a customer or shared factor that an earlier event of the wave touches, applied or left out
 * (a later event never overtakes an earlier one on a customer), so the first always applies. Those left
 * out are planned again in a later wave, on the state this one leaves.
 */
export function disjointSubset(touches: readonly PlanTouch[]): number[] {
  const customers = new Set<string>();
  const shared = new Set<string>();
  const applied: number[] = [];
  touches.forEach((touch, position) => {
    const overlaps =
      touch.customerIds.some((id) => customers.has(id)) || touch.sharedIds.some((id) => shared.has(id));
    if (!overlaps) applied.push(position);
    for (const id of touch.customerIds) customers.add(id);
    for (const id of touch.sharedIds) shared.add(id);
  });
  return applied;
}
