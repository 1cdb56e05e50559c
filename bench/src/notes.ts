import type { Phases } from './targets.js';

const ALWAYS = [
  "The machine is shared with other engineers' test runs (see the load average): absolute rates are noise, the ratios measured in the same run are the figures.",
  "R_consume and R_bare run through the bus port's raw consumer with its batch handler (`consumeRecords` with `handleBatch`): runs of a partition's fetched records, offsets committed per run; R_bare sends one pipelined round trip per run, as the issue defines it.",
  "Latency runs at half the full engine's median 1:1 rate, and so does the alert phase, capped at half the receiver's token bucket (so it times alerts, not the queue behind the rate limit); the 5,000-customer news figure comes from the fan-out phase.",
  "Fan-out figures are per news item: the phase's consumer hands the engine one item at a time (`maxBatchSize: 1`; the engine handles a fan-out event alone inside a run anyway), and round trips and apply time are counted from that item's handler start to its end. The first item of a size pays one more round trip (nothing read ahead yet); the median is over the five.",
];

// From the CPU profile and per-event split of the engine before it had a batch path.
const ONE_AT_A_TIME = [
  "Where the engine's time goes (see the per-event split under Throughput): each 1:1 event is handled alone (the bus hands one record at a time), its fleet is read (getFleet), its effects go through the store's fan-out (a read and a write round trip), and its trust.changed is published with acks from all replicas, all before the next record starts: the round trips per event in the table are these. Node is mostly idle waiting on these (CPU profile: about half idle, GC next).",
  "What would close the 1:1 gap: a batch handler in @trustwatch/bus (the records of one fetch per partition, offsets resolved after the batch), an engine path that plans a batch, reads its fleets in one pipeline, applies it with one applyMany (position included) and publishes the batch's trust.changed in one produce request. Fan-out: fold the customersOfVendor lookup (and any read-back) into the fan-out pipeline, and publish trust.changed without waiting on each 500-event batch.",
];

const BATCHED = [
  "The engine took its events in batches (the bus's `handleBatch`): independent events of a run (a wave) are planned together, their store reads and the customers' states read with them in one round trip, and applied as one fan-out in another; a firmware wave costs two round trips, a supplier wave two (three for relocations). Each wave's trust.changed records are published as soon as it is applied, while the next wave plans (it applies only once they are acknowledged); round trips per batch are under Throughput. The `no-validation` variant is the same engine (`startTrustEngine`) on a bus whose consumer decodes the envelope but skips the per-type data schema (same runner, same batch path), so the validation A/B differs in validation alone.",
];

const ALERTS =
  "Alert path: the alerter applies a fetched run of changes with up to 32 customers at once (each customer's changes in order), flushes a group at the instant it comes due (a timer armed by the change that made it due; the tick only sweeps what no change woke), flushes up to 32 customers at once, and sends to a receiver in 32 parallel lanes (each customer's notifications in order) over kept-alive connections. The applied / notified / delivered columns at production end show which stage any backlog sat in; the alerter shares the machine with the broker, Redis and the producer.";

/** The notes under the tables: what the figures mean and, where targets are missed, where time goes. */
export function notesOf(phases: Phases): string[] {
  const batched = phases.throughput?.batchPath.full === true;
  return [
    ...ALWAYS,
    ...(phases.throughput === undefined ? [] : batched ? BATCHED : ONE_AT_A_TIME),
    ...(phases.alert === undefined ? [] : [ALERTS]),
  ];
}
