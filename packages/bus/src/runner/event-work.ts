import { decodeBinary, decodeEvent, type TrustwatchEvent } from '@trustwatch/schemas';
import { BusError } from '../errors.js';
import type { DeliveredRecord, EventHandler } from '../port.js';
import type { TopicSpec } from '../topics.js';
import type { RecordWork } from './process-record.js';

/** Decodes with the shared codec, checks the type belongs on the topic, validates, then calls the handler. */
export function eventWork(spec: TopicSpec, handle: EventHandler): RecordWork<TrustwatchEvent> {
  return {
    prepare(record: DeliveredRecord): TrustwatchEvent {
      const envelope = decodeBinary(record);
      if (!spec.eventTypes.includes(envelope.type)) {
        throw new BusError(
          'TYPE_NOT_ALLOWED',
          `type "${envelope.type}" is not allowed on topic ${spec.name}`,
        );
      }
      return decodeEvent(envelope);
    },
    eventId: (event) => event.id,
    run: (event, context) => handle(event, context),
  };
}

/** Hands raw records to a handler; nothing to decode, so nothing is dead-lettered before it. */
export function recordWork(handle: (record: DeliveredRecord) => Promise<void>): RecordWork<DeliveredRecord> {
  return {
    prepare: (record) => record,
    eventId: () => undefined,
    run: async (record) => {
      await handle(record);
      return { status: 'done' };
    },
  };
}
