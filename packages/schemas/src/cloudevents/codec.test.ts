import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SchemaError, isRetriable, type SchemaErrorCode } from '../errors.js';
import { oseRelocation } from '../events/fixtures/examples.js';
import { createEvent, decodeEvent, EVENT_DEFINITIONS } from '../registry/registry.js';
import {
  decodeBinary,
  decodeStructured,
  encodeBinary,
  encodeStructured,
  type BinaryMessage,
  type ReceivedMessage,
} from './codec.js';
import { TRACEPARENT_PATTERN, type CloudEvent } from './envelope.js';
import { MAX_EVENT_BYTES } from './limits.js';

/** JSON text can hold neither `-0` nor prototype keys the decoder refuses; generate what survives a round trip. */
function survivesJson(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(survivesJson);
  if (typeof value !== 'object' || value === null) return true;
  return Object.entries(value).every(
    ([key, child]) => !['__proto__', 'constructor', 'prototype'].includes(key) && survivesJson(child),
  );
}

const text = (maxLength: number) => fc.string({ minLength: 1, maxLength, unit: 'grapheme' });
const eventArbitrary: fc.Arbitrary<CloudEvent> = fc.record(
  {
    specversion: fc.constant('1.0' as const),
    id: text(64),
    source: text(64),
    type: fc.constantFrom(...EVENT_DEFINITIONS.map((definition) => definition.type)),
    time: fc
      .date({
        min: new Date('1970-01-01T00:00:00Z'),
        max: new Date('2999-12-31T23:59:59Z'),
        noInvalidDate: true,
      })
      .chain((date) =>
        fc.constantFrom('Z', '+08:00', '-05:30').map((zone) => date.toISOString().replace('Z', zone)),
      ),
    subject: text(64),
    datacontenttype: fc.constant('application/json' as const),
    dataschema: fc.webUrl(),
    partitionkey: text(64),
    traceparent: fc.stringMatching(TRACEPARENT_PATTERN),
    data: fc
      .jsonValue({ maxDepth: 3 })
      .map((value) => JSON.parse(JSON.stringify(value)) as unknown)
      .filter(survivesJson),
  },
  {
    requiredKeys: ['specversion', 'id', 'source', 'type', 'time', 'datacontenttype', 'partitionkey', 'data'],
  },
);

/** What kafkajs hands a consumer: key, value and header values as Buffers. */
function asReceived(message: BinaryMessage): ReceivedMessage {
  const headers = Object.fromEntries(
    Object.entries(message.headers).map(([name, value]) => [name, Buffer.from(value)]),
  );
  return { key: Buffer.from(message.key), value: message.value, headers };
}

describe('CloudEvents codec round trips', () => {
  it('decodes every binary-mode message to the event it was encoded from', () => {
    fc.assert(
      fc.property(eventArbitrary, (event) => {
        const message = encodeBinary(event);
        expect(message.key).toBe(event.partitionkey);
        expect(decodeBinary(asReceived(message))).toEqual(event);
      }),
    );
  });

  it('decodes every structured-mode document to the event it was encoded from', () => {
    fc.assert(
      fc.property(eventArbitrary, (event) => {
        expect(decodeStructured(encodeStructured(event))).toEqual(event);
      }),
    );
  });

  it('reads a structured-mode Kafka message, as the Kafka binding lets producers send', () => {
    const event = supplierEvent();
    const received = {
      key: null,
      value: encodeStructured(event),
      headers: { 'content-type': 'application/cloudevents+json' },
    };
    expect(decodeEvent(decodeBinary(received))).toEqual(event);
  });

  it('refuses to encode data larger than the broker accepts', () => {
    const event = { ...supplierEvent(), data: 'x'.repeat(MAX_EVENT_BYTES) };
    expect(() => encodeBinary(event)).toThrowError(expect.objectContaining({ code: 'OVERSIZE' }) as Error);
  });
});

function supplierEvent(): CloudEvent {
  return createEvent({
    type: 'com.trustwatch.supplier.changed.v1',
    source: 'trustwatch://ingest-supplier/bom-diff',
    id: 'ose-relocation-2018q4',
    time: '2018-10-01T00:00:00Z',
    data: oseRelocation(),
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  });
}

function codeOf(run: () => unknown): SchemaErrorCode | 'none' {
  try {
    run();
    return 'none';
  } catch (error) {
    expect(error).toBeInstanceOf(SchemaError);
    expect(isRetriable(error)).toBe(false);
    return (error as SchemaError).code;
  }
}

describe('malformed Kafka messages', () => {
  const valid = (): BinaryMessage => encodeBinary(supplierEvent());
  const withHeaders = (patch: Record<string, string | undefined>): ReceivedMessage => {
    const message = valid();
    const headers = Object.fromEntries(
      Object.entries({ ...message.headers, ...patch }).filter(([, value]) => value !== undefined),
    );
    return { ...message, headers };
  };
  const withValue = (value: string): ReceivedMessage => ({ ...valid(), value: Buffer.from(value) });
  const unknownField = JSON.stringify({ ...oseRelocation(), plant: 'Kaohsiung' });

  it.each<[string, () => ReceivedMessage, SchemaErrorCode]>([
    ['a missing ce_id', () => withHeaders({ ce_id: undefined }), 'MALFORMED_ENVELOPE'],
    [
      'a ce_type that is not reverse-DNS and versioned',
      () => withHeaders({ ce_type: 'supplier.changed' }),
      'MALFORMED_ENVELOPE',
    ],
    ['a ce_time without offset', () => withHeaders({ ce_time: '2018-10-01 00:00' }), 'MALFORMED_ENVELOPE'],
    ['another CloudEvents version', () => withHeaders({ ce_specversion: '0.3' }), 'MALFORMED_ENVELOPE'],
    ['no record key', () => ({ ...valid(), key: null }), 'MALFORMED_ENVELOPE'],
    ['no value', () => ({ ...valid(), value: null }), 'MALFORMED_ENVELOPE'],
    ['a value that is not JSON', () => withValue('{"vendorId":'), 'INVALID_JSON'],
    ['a __proto__ key in the data', () => withValue('{"a":{"__proto__":{"admin":true}}}'), 'FORBIDDEN_KEY'],
    ['a 2 MB value', () => withValue(JSON.stringify('x'.repeat(2 * 1024 * 1024))), 'OVERSIZE'],
    [
      'a non-JSON content-type',
      () => withHeaders({ 'content-type': 'application/avro' }),
      'UNSUPPORTED_CONTENT_TYPE',
    ],
    [
      'an unregistered event type',
      () => withHeaders({ ce_type: 'com.trustwatch.supplier.merged.v1' }),
      'UNKNOWN_TYPE',
    ],
    ['an unknown field in the data', () => withValue(unknownField), 'SCHEMA_VIOLATION'],
  ])('rejects %s with a typed, non-retriable error', (_label, message, code) => {
    expect(codeOf(() => decodeEvent(decodeBinary(message())))).toBe(code);
  });

  it('accepts a content-type with a charset parameter', () => {
    const message = withHeaders({ 'content-type': 'application/json; charset=utf-8' });
    expect(codeOf(() => decodeEvent(decodeBinary(message)))).toBe('none');
  });
});

describe('malformed structured documents', () => {
  const document = (patch: Record<string, unknown>): string =>
    JSON.stringify({ ...supplierEvent(), ...patch });

  it.each<[string, () => string, SchemaErrorCode]>([
    ['an unknown envelope attribute', () => document({ tenant: 'acme' }), 'MALFORMED_ENVELOPE'],
    ['a missing data member', () => document({ data: undefined }), 'MALFORMED_ENVELOPE'],
    ['a JSON array instead of an object', () => '[]', 'MALFORMED_ENVELOPE'],
    ['a bad time', () => document({ time: 'yesterday' }), 'MALFORMED_ENVELOPE'],
    ['truncated JSON', () => document({}).slice(0, -1), 'INVALID_JSON'],
    ['a constructor key', () => document({ data: { constructor: { prototype: {} } } }), 'FORBIDDEN_KEY'],
    ['a 2 MB document', () => document({ data: 'x'.repeat(2 * 1024 * 1024) }), 'OVERSIZE'],
    [
      'a non-JSON datacontenttype',
      () => document({ datacontenttype: 'text/xml' }),
      'UNSUPPORTED_CONTENT_TYPE',
    ],
    ['an unregistered event type', () => document({ type: 'com.trustwatch.unknown.v1' }), 'UNKNOWN_TYPE'],
    [
      'an unknown field in the data',
      () => document({ data: { ...oseRelocation(), city: 'x' } }),
      'SCHEMA_VIOLATION',
    ],
  ])('rejects %s with a typed, non-retriable error', (_label, text, code) => {
    expect(codeOf(() => decodeEvent(decodeStructured(text())))).toBe(code);
  });
});
