/**
 * Keys of the bench's own reference workloads (R_redis, R_bare, R_fan, the bare-hash memory baseline),
 * all under the run's prefix so the run's cleanup removes them. Trustwatch's keys come from
 * @trustwatch/store's keys.ts; these exist only to measure what bare Redis does with the same events.
 */
export function benchKeys(prefix: string) {
  return {
    state: (entity: string) => `${prefix}:r:{${entity}}:state`,
    dedupe: (entity: string, eventId: string) => `${prefix}:r:{${entity}}:d:${eventId}`,
    score: (customer: string) => `${prefix}:fan:{${customer}}:score`,
    feed: (customer: string) => `${prefix}:fan:{${customer}}:feed`,
    bareFleet: (customer: string) => `${prefix}:bare:{${customer}}:fleet`,
  };
}
