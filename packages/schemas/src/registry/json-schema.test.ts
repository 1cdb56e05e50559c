import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { encodeStructured } from '../cloudevents/codec.js';
import { bigHackStory, oseRelocation, redfishSnapshot } from '../events/fixtures/examples.js';
import { buildJsonSchemaFiles, staleJsonSchemaFiles } from './json-schema.js';
import { createEvent, EVENT_DEFINITIONS } from './registry.js';

const folder = new URL('../../json-schema/', import.meta.url);

function committedFiles(): Map<string, string> {
  const names = readdirSync(folder).filter((name) => name.endsWith('.json'));
  return new Map(names.map((name) => [name, readFileSync(new URL(name, folder), 'utf8')]));
}

function validatorFor(type: string) {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats.default(ajv);
  const text = buildJsonSchemaFiles().get(`${type}.json`);
  if (text === undefined) throw new Error(`no exported schema for ${type}`);
  return ajv.compile(JSON.parse(text) as object);
}

const ose = () =>
  createEvent({
    type: 'com.trustwatch.supplier.changed.v1',
    source: 'trustwatch://ingest-supplier/bom-diff',
    id: 'ose-relocation-2018q4',
    time: '2018-10-01T00:00:00Z',
    data: oseRelocation(),
  });

describe('exported JSON Schemas', () => {
  it('match a fresh export byte for byte, so a schema change without `npm run schemas:export` fails CI', () => {
    expect(staleJsonSchemaFiles(buildJsonSchemaFiles(), committedFiles())).toEqual([]);
  });

  it('cover every registered event type plus an index', () => {
    const names = [...buildJsonSchemaFiles().keys()];
    expect(names).toEqual([...EVENT_DEFINITIONS.map((d) => `${d.type}.json`), 'index.json'].sort());
  });

  it('report changed, missing and extra files as stale', () => {
    const fresh = new Map([
      ['a.json', '1\n'],
      ['b.json', '2\n'],
    ]);
    const existing = new Map([
      ['a.json', '1\n'],
      ['b.json', '3\n'],
      ['old.json', '4\n'],
    ]);
    expect(staleJsonSchemaFiles(fresh, existing)).toEqual(['b.json', 'old.json']);
    expect(staleJsonSchemaFiles(fresh, new Map())).toEqual(['a.json', 'b.json']);
  });

  it('accept real events in structured mode, as another language would produce them', () => {
    const validate = validatorFor('com.trustwatch.supplier.changed.v1');
    expect(validate(JSON.parse(encodeStructured(ose()))), JSON.stringify(validate.errors)).toBe(true);

    const snapshot = createEvent({
      type: 'com.trustwatch.firmware.observed.v1',
      source: 'trustwatch://ingest-firmware/bmc-collector',
      id: 'snap-1',
      time: '2026-11-24T10:00:00Z',
      data: redfishSnapshot(),
    });
    const validateSnapshot = validatorFor('com.trustwatch.firmware.observed.v1');
    expect(
      validateSnapshot(JSON.parse(encodeStructured(snapshot))),
      JSON.stringify(validateSnapshot.errors),
    ).toBe(true);

    const story = createEvent({
      type: 'com.trustwatch.news.classified.v1',
      source: 'trustwatch://classify-news',
      id: 'story-big-hack',
      time: '2018-10-04T09:05:00Z',
      data: bigHackStory(),
    });
    expect(validatorFor('com.trustwatch.news.classified.v1')(JSON.parse(encodeStructured(story)))).toBe(true);
  });

  it.each<[string, (event: Record<string, unknown>) => unknown]>([
    ['an unknown data key', (event) => ({ ...event, data: { ...oseRelocation(), plant: 'x' } })],
    ['an unassigned country code', (event) => ({ ...event, data: { ...oseRelocation(), toCountry: 'XX' } })],
    [
      'an impossible date',
      (event) => ({ ...event, data: { ...oseRelocation(), effectiveDate: '2018-02-30' } }),
    ],
    ['another event type', (event) => ({ ...event, type: 'com.trustwatch.news.published.v1' })],
    ['an unknown envelope attribute', (event) => ({ ...event, tenant: 'acme' })],
  ])('reject an event with %s', (_label, corrupt) => {
    const event = JSON.parse(encodeStructured(ose())) as Record<string, unknown>;
    expect(validatorFor('com.trustwatch.supplier.changed.v1')(corrupt(event))).toBe(false);
  });
});
