import { describe, expect, it } from 'vitest';
import { EVENT_TYPE_PATTERN } from '../cloudevents/envelope.js';
import { SchemaError } from '../errors.js';
import { oseRelocation } from '../events/fixtures/examples.js';
import { createEvent, decodeEvent, EVENT_DEFINITIONS, eventDefinition, isEventType } from './registry.js';

describe('event registry', () => {
  it('names every event type once, reverse-DNS and versioned', () => {
    const types = EVENT_DEFINITIONS.map((definition) => definition.type);
    expect(new Set(types).size).toBe(types.length);
    for (const type of types) expect(type).toMatch(EVENT_TYPE_PATTERN);
  });

  it('holds the input families next to the trust events', () => {
    expect(isEventType('com.trustwatch.firmware.observed.v1')).toBe(true);
    expect(isEventType('com.trustwatch.trust.changed.v1')).toBe(true);
    expect(eventDefinition('com.trustwatch.supplier.merged.v1')).toBeUndefined();
  });

  it('refuses to create an event whose data breaks its schema', () => {
    const create = () =>
      createEvent({
        type: 'com.trustwatch.supplier.changed.v1',
        source: 'trustwatch://ingest-supplier/bom-diff',
        id: 'ose-1',
        time: '2018-10-01T00:00:00Z',
        data: { ...oseRelocation(), toCountry: 'CN' },
      });
    expect(create).toThrowError(SchemaError);
    expect(create).toThrowError(
      expect.objectContaining({ code: 'SCHEMA_VIOLATION', retriable: false }) as Error,
    );
  });

  it('returns the parsed data, so string trimming applies before anyone reads it', () => {
    const event = decodeEvent({
      ...createEvent({
        type: 'com.trustwatch.supplier.changed.v1',
        source: 'trustwatch://ingest-supplier/bom-diff',
        id: 'ose-1',
        time: '2018-10-01T00:00:00Z',
        data: oseRelocation(),
      }),
      data: { ...oseRelocation(), supplierName: '  Orient Semiconductor Electronics ' },
    });
    expect(event.type === 'com.trustwatch.supplier.changed.v1' && event.data.supplierName).toBe(
      'Orient Semiconductor Electronics',
    );
  });
});
