import { CompressionTypes } from 'kafkajs';

/** A record's framing in a v2 record batch (length, attributes, deltas, header counts), rounded up. */
const RECORD_OVERHEAD_BYTES = 32;
/** A record batch's own header. */
const BATCH_OVERHEAD_BYTES = 61;

/**
 * Gzip only for sends that need it. Compressing costs the producer a zlib pass (on the thread pool) and
 * the broker a decompression to validate the batch, per send: on the engine's small per-wave publishes
 * that cost more than the bytes it saves over loopback or a LAN. A large send (a fan-out's trust changes)
 * is compressed, since its batch for one partition may exceed the topic's `max.message.bytes` uncompressed.
 * Uncompressed only when the whole send, framing included, fits in half the limit: no partition's batch
 * can then be refused for size. `recordSizes`: each record's `recordBytes`, as the send measured them.
 */
export function compressionFor(recordSizes: readonly number[], maxMessageBytes: number): CompressionTypes {
  let bytes = BATCH_OVERHEAD_BYTES;
  for (const size of recordSizes) bytes += size + RECORD_OVERHEAD_BYTES;
  return bytes <= maxMessageBytes / 2 ? CompressionTypes.None : CompressionTypes.GZIP;
}
