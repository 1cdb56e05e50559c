import type { Phases } from './targets.js';

const ALWAYS = [
  "The machine is shared with other engineers' test runs (see the load average): absolute rates are noise, the ratios measured in the same run are the figures.",
  "R_bare runs through the bus port's raw consumer (`consumeRecords`), which hands one record at a time and resolves each offset after it: one Redis round trip per record. A batch-level R_bare (one round trip per Kafka batch) needs a raw batch consumer in @trustwatch/bus.",
  "Latency runs at half the full engine's median 1:1 rate, and so does the alert phase; the 5,000-customer news figure comes from the fan-out phase.",
];

// From the CPU profile and per-event split of the engine before it had a batch path.
const ONE_AT_A_TIME = [
  "Where the engine's time goes (see the per-event split under Throughput): each 1:1 event is handled alone (the bus hands one record at a time), its fleet is read (getFleet), its effects go through the store's fan-out (a read and a write round trip), and its trust.changed is published with acks from all replicas, all before the next record starts: the round trips per event in the table are these. Node is mostly idle waiting on these (CPU profile: about half idle, GC next).",
  "What would close the 1:1 gap: a batch handler in @trustwatch/bus (the records of one fetch per partition, offsets resolved after the batch), an engine path that plans a batch, reads its fleets in one pipeline, applies it with one applyMany (position included) and publishes the batch's trust.changed in one produce request. Fan-out: fold the customersOfVendor lookup (and any read-back) into the fan-out pipeline, and publish trust.changed without waiting on each 500-event batch.",
];

const BATCHED = [
  "The engine took its events in batches (the bus's `handleBatch`); round trips per batch are under Throughput. The `no-validation` variant still drives the per-event handler through the raw consumer, so where the full engine is batched the validation A/B compares two paths and is reported inconclusive; a batched no-validation variant needs the engine's batch handler exported from @trustwatch/trust-engine and a raw batch consumer in @trustwatch/bus.",
];

const ALERTS =
  "Alert path: each change's alert waits for the dispatcher's next pass (one every `tick` after the previous pass ended), which flushes due customers one at a time (load, commit, enqueue, clear) and then delivers; once a pass takes about as long as the tick, changes queue behind passes (the applied / notified / delivered columns at production end show which stage the backlog sat in; the dispatcher's pass also shares the process and Redis with consumption, so a long pass slows applying too). What would close it: flush on apply when a group is already due (group_wait 0) or on a due-time timer instead of a fixed poll, flush due customers in pipelined batches, and deliver webhook requests concurrently.";

/** The notes under the tables: what the figures mean and, where targets are missed, where time goes. */
export function notesOf(phases: Phases): string[] {
  const batched = phases.throughput?.batchPath.full === true;
  return [
    ...ALWAYS,
    ...(phases.throughput === undefined ? [] : batched ? BATCHED : ONE_AT_A_TIME),
    ...(phases.alert === undefined ? [] : [ALERTS]),
  ];
}
