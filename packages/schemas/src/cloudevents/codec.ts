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

export function encodeBinary(event: CloudEvent): BinaryMessage {
  const headers: Record<string, string> = { 'content-type': CONTENT_TYPE_JSON };
  for (const name of HEADER_ATTRIBUTES) {
    const value = event[name];
    if (value !== undefined) headers[`ce_${name}`] = value;
  }
  if (event.traceparent !== undefined) headers['traceparent'] = event.traceparent;
  return { key: event.partitionkey, value: Buffer.from(JSON.stringify(event.data)), headers };
}

export function decodeBinary(message: ReceivedMessage): CloudEvent {
  const value = toBuffer(message.value);
  if (value === undefined) throw new SchemaError('MALFORMED_ENVELOPE', 'message has no value');
  assertSize(value.length);
  const headers = message.headers ?? {};
  const contentType = headerText(headers['content-type']);
  if (contentType !== undefined && !contentType.toLowerCase().startsWith(CONTENT_TYPE_JSON)) {
    throw new SchemaError('UNSUPPORTED_CONTENT_TYPE', `content-type "${contentType}" is not ${CONTENT_TYPE_JSON}`);
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

export function encodeStructured(event: CloudEvent): string {
  return JSON.stringify(event);
}

export function decodeStructured(text: string): CloudEvent {
  assertSize(Buffer.byteLength(text));
  const parsed = parseUntrustedJson(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SchemaError('MALFORMED_ENVELOPE', 'a structured CloudEvent must be a JSON object');
  }
  const { data, ...attributes } = parsed as Record<string, unknown>;
  if (data === undefined) throw new SchemaError('MALFORMED_ENVELOPE', 'event has no data');
  return { ...parseAttributes({ datacontenttype: CONTENT_TYPE_JSON, ...attributes }), data };
}

function parseAttributes(candidate: Record<string, unknown>): CloudEventAttributes {
  const result = cloudEventAttributesSchema.safeParse(candidate);
  if (!result.success) {
    throw new SchemaError('MALFORMED_ENVELOPE', `invalid CloudEvent envelope: ${z.prettifyError(result.error)}`, result.error);
  }
  return result.data;
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
