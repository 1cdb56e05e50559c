import { z } from 'zod';
import { SchemaError } from '../errors.js';
import { cloudEventAttributesSchema, type CloudEvent, type CloudEventAttributes } from './envelope.js';
import { MAX_EVENT_BYTES } from './limits.js';
import { parseUntrustedJson } from './safe-json.js';

/**
 * CloudEvents 1.0 codec for the two content modes Trustwatch uses.
 *
 * - Binary mode (Kafka protocol binding): context attributes in `ce_<name>` headers, data as the JSON
 *   value, `content-type` header, record key = `partitionkey`, `traceparent` as its own header (the
 *   Distributed Tracing extension maps to the W3C header, not a `ce_` one).
 * - Structured mode (`application/cloudevents+json`): one JSON object, used for NDJSON files, HTTP and
 *   dead-letter inspection.
 *
 * Decoding validates the envelope only; `decodeEvent` in the registry validates `data` for its type.
 */

export const CONTENT_TYPE_JSON = 'application/json';
export const STRUCTURED_CONTENT_TYPE = 'application/cloudevents+json';

type HeaderValue = Buffer | string | (Buffer | string)[] | undefined;

/** A broker-neutral message: what the bus adapters hand to and take from the codec. */
export interface BinaryMessage {
  key: string;
  value: Buffer;
  headers: Record<string, string>;
}

/** What a consumer received; any field may be missing or malformed. */
export interface ReceivedMessage {
  key: Buffer | string | null;
  value: Buffer | string | null;
  headers?: Record<string, HeaderValue> | undefined;
}

/** Attributes mapped to `ce_` headers; partitionkey travels as the key, traceparent as its own header. */
const HEADER_ATTRIBUTES = ['specversion', 'id', 'source', 'type', 'time', 'subject', 'dataschema'] as const;

/**
 * Encodes an event for Kafka in binary mode. Throws `SchemaError` `OVERSIZE` when the value would exceed
 * `MAX_EVENT_BYTES` (the broker would refuse it anyway, later and less clearly).
 */
export function encodeBinary(event: CloudEvent): BinaryMessage {
  const headers: Record<string, string> = { 'content-type': CONTENT_TYPE_JSON };
  for (const name of HEADER_ATTRIBUTES) {
    const value = event[name];
    if (value !== undefined) headers[`ce_${name}`] = value;
  }
  if (event.traceparent !== undefined) headers['traceparent'] = event.traceparent;
  const value = Buffer.from(serializeData(event.data));
  assertSize(value.length);
  return { key: event.partitionkey, value, headers };
}

/**
 * Decodes a received Kafka message. Binary mode is the norm; a message whose `content-type` is
 * `application/cloudevents+json` is decoded as structured mode, as the Kafka protocol binding requires.
 * Validates the envelope only. Throws `SchemaError` (`MALFORMED_ENVELOPE`, `INVALID_JSON`,
 * `FORBIDDEN_KEY`, `OVERSIZE`, `UNSUPPORTED_CONTENT_TYPE`), never retriable.
 */
export function decodeBinary(message: ReceivedMessage): CloudEvent {
  const value = toBuffer(message.value);
  if (value === undefined) throw new SchemaError('MALFORMED_ENVELOPE', 'message has no value');
  assertSize(value.length);
  const headers = message.headers ?? {};
  const contentType = headerText(headers['content-type']);
  const media = contentType === undefined ? CONTENT_TYPE_JSON : mediaType(contentType);
  if (media === STRUCTURED_CONTENT_TYPE) return decodeStructured(value.toString('utf8'));
  if (media !== CONTENT_TYPE_JSON) {
    throw new SchemaError(
      'UNSUPPORTED_CONTENT_TYPE',
      `content-type "${contentType}" is not ${CONTENT_TYPE_JSON}`,
    );
  }
  const candidate: Record<string, unknown> = { datacontenttype: CONTENT_TYPE_JSON };
  for (const name of HEADER_ATTRIBUTES) {
    const text = headerText(headers[`ce_${name}`]);
    if (text !== undefined) candidate[name] = text;
  }
  const key = toBuffer(message.key)?.toString('utf8');
  if (key !== undefined) candidate['partitionkey'] = key;
  const traceparent = headerText(headers['traceparent']);
  if (traceparent !== undefined) candidate['traceparent'] = traceparent;
  const attributes = parseAttributes(candidate);
  return { ...attributes, data: parseUntrustedJson(value.toString('utf8')) };
}

/** Encodes an event as one `application/cloudevents+json` document (NDJSON lines, HTTP, dead letters). */
export function encodeStructured(event: CloudEvent): string {
  serializeData(event.data);
  return JSON.stringify(event);
}

/** Decodes one structured-mode document; same checks and error codes as `decodeBinary`. */
export function decodeStructured(text: string): CloudEvent {
  assertSize(Buffer.byteLength(text));
  const parsed = parseUntrustedJson(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SchemaError('MALFORMED_ENVELOPE', 'a structured CloudEvent must be a JSON object');
  }
  const { data, ...attributes } = parsed as Record<string, unknown>;
  if (data === undefined) throw new SchemaError('MALFORMED_ENVELOPE', 'event has no data');
  const declared = attributes['datacontenttype'] ?? CONTENT_TYPE_JSON;
  if (typeof declared !== 'string')
    throw new SchemaError('MALFORMED_ENVELOPE', 'datacontenttype must be a string');
  if (mediaType(declared) !== CONTENT_TYPE_JSON) {
    throw new SchemaError(
      'UNSUPPORTED_CONTENT_TYPE',
      `datacontenttype "${declared}" is not ${CONTENT_TYPE_JSON}`,
    );
  }
  // Parameters such as `; charset=utf-8` are normalised away: JSON is UTF-8 by definition (RFC 8259).
  return { ...parseAttributes({ ...attributes, datacontenttype: CONTENT_TYPE_JSON }), data };
}

function parseAttributes(candidate: Record<string, unknown>): CloudEventAttributes {
  const result = cloudEventAttributesSchema.safeParse(candidate);
  if (!result.success) {
    throw new SchemaError(
      'MALFORMED_ENVELOPE',
      `invalid CloudEvent envelope: ${z.prettifyError(result.error)}`,
      result.error,
    );
  }
  return result.data;
}

/** `Application/JSON; charset=utf-8` -> `application/json`. */
function mediaType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

/** `JSON.stringify(undefined)` is not JSON: an event without data is a producer bug, caught here. */
function serializeData(data: unknown): string {
  const text = JSON.stringify(data) as string | undefined;
  if (text === undefined) throw new SchemaError('MALFORMED_ENVELOPE', 'event data is not JSON-serialisable');
  return text;
}

function assertSize(bytes: number): void {
  if (bytes > MAX_EVENT_BYTES) {
    throw new SchemaError('OVERSIZE', `value is ${bytes} bytes, above the ${MAX_EVENT_BYTES}-byte limit`);
  }
}

function toBuffer(value: Buffer | string | null | undefined): Buffer | undefined {
  if (value === null || value === undefined) return undefined;
  return typeof value === 'string' ? Buffer.from(value) : value;
}

function headerText(value: HeaderValue): string | undefined {
  const single = Array.isArray(value) ? value[0] : value;
  return single === undefined ? undefined : single.toString();
}
