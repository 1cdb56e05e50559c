import { encodeBinary, MAX_EVENT_BYTES, type CloudEvent } from '@trustwatch/schemas';
import { BusError } from './errors.js';
import type { RawRecord } from './port.js';
import type { TopicSpec } from './topics.js';

/**
 * Encodes events for a topic in CloudEvents binary mode, refusing what a consumer would dead-letter anyway:
 * a type the topic does not carry, or a value over the codec's size limit.
 */
export function encodeForTopic(spec: TopicSpec, events: readonly CloudEvent[]): RawRecord[] {
  return events.map((event) => {
    if (!spec.eventTypes.includes(event.type)) {
      throw new BusError('TYPE_NOT_ALLOWED', `type "${event.type}" is not allowed on topic ${spec.name}`);
    }
    const message = encodeBinary(event);
    if (message.value.length > MAX_EVENT_BYTES) {
      throw new BusError(
        'RECORD_TOO_LARGE',
        `event ${event.id} encodes to ${message.value.length} bytes, above the ${MAX_EVENT_BYTES}-byte limit`,
      );
    }
    return { key: message.key, value: message.value, headers: message.headers };
  });
}

/** Approximate on-the-wire size of a record, as the broker counts it against `max.message.bytes`. */
export function recordBytes(record: RawRecord): number {
  let bytes = (record.value?.length ?? 0) + Buffer.byteLength(record.key ?? '');
  for (const [name, value] of Object.entries(record.headers))
    bytes += Buffer.byteLength(name) + Buffer.byteLength(value);
  return bytes;
}
