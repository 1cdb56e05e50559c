import { z } from 'zod';
import type { CloudEvent } from '../cloudevents/envelope.js';
import { SchemaError } from '../errors.js';
import { INPUT_EVENTS } from '../events/index.js';
import { TRUST_EVENTS } from '../trust/index.js';
import type { EventDefinition } from './define-event.js';

/** Every event type Trustwatch knows, by name. */
export const EVENT_DEFINITIONS = [...INPUT_EVENTS, ...TRUST_EVENTS] as const;

type Definitions = (typeof EVENT_DEFINITIONS)[number];
export type EventType = Definitions['type'];
/** The validated `data` of an event type. */
export type EventData<T extends EventType> = z.infer<Extract<Definitions, { type: T }>['schema']>;
/** A CloudEvent whose data has been validated against its type: a discriminated union on `type`. */
export type TrustwatchEvent = { [T in EventType]: CloudEvent<EventData<T>> & { type: T } }[EventType];
export type EventOf<T extends EventType> = Extract<TrustwatchEvent, { type: T }>;

const byType = new Map<string, EventDefinition>(EVENT_DEFINITIONS.map((d) => [d.type, d as EventDefinition]));

export function eventDefinition<T extends EventType>(type: T): Extract<Definitions, { type: T }>;
export function eventDefinition(type: string): EventDefinition | undefined;
export function eventDefinition(type: string): EventDefinition | undefined {
  return byType.get(type);
}

export function isEventType(type: string): type is EventType {
  return byType.has(type);
}

/**
 * Validates an envelope's data against the schema of its type. Throws `SchemaError` with
 * `UNKNOWN_TYPE` or `SCHEMA_VIOLATION` (never retriable: the event goes to the dead-letter topic).
 */
export function decodeEvent(event: CloudEvent): TrustwatchEvent {
  const definition = byType.get(event.type);
  if (definition === undefined) throw new SchemaError('UNKNOWN_TYPE', `unknown event type "${event.type}"`);
  const result = definition.schema.safeParse(event.data);
  if (!result.success) {
    throw new SchemaError(
      'SCHEMA_VIOLATION',
      `${event.type} data is invalid: ${z.prettifyError(result.error)}`,
      result.error,
    );
  }
  return { ...event, data: result.data } as TrustwatchEvent;
}

export interface CreateEventInput<T extends EventType> {
  type: T;
  /** URI-reference of the producer, e.g. `trustwatch://ingest-firmware/bmc-collector`. */
  source: string;
  /** Stable id: the same fact must get the same id so it is deduplicated downstream. */
  id: string;
  time: string;
  data: EventData<T>;
  subject?: string;
  traceparent?: string;
}

/** Builds a valid event; throws `SchemaError` if the data does not match its type's schema. */
export function createEvent<T extends EventType>(input: CreateEventInput<T>): EventOf<T> {
  const definition = byType.get(input.type);
  if (definition === undefined) throw new SchemaError('UNKNOWN_TYPE', `unknown event type "${input.type}"`);
  const candidate: CloudEvent = {
    specversion: '1.0',
    id: input.id,
    source: input.source,
    type: input.type,
    time: input.time,
    datacontenttype: 'application/json',
    partitionkey: definition.partitionKey(input.data),
    data: input.data,
    ...(input.subject === undefined ? {} : { subject: input.subject }),
    ...(input.traceparent === undefined ? {} : { traceparent: input.traceparent }),
  };
  return decodeEvent(candidate) as EventOf<T>;
}
