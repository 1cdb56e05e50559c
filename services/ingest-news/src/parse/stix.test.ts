import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IngestNewsError } from '../errors.js';
import { classifierDeps, fixture, SHARED_DATA } from '../test-support/deps.js';
import { stixDenials } from '../understand/stix-answers.js';
import { parseStixBundle } from './stix.js';

const BASE = 'https://cti.example/taxii2/collections/apt1/';

describe('parseStixBundle', () => {
  it('turns the real APT1 report into an article and ignores indicators, tools and relationships', () => {
    const bytes = readFileSync(`${SHARED_DATA}stix2-oasis/apt1.json`);
    const reading = parseStixBundle(bytes, { baseUrl: BASE, outlet: 'OASIS CTI examples' });
    expect(reading.reports).toHaveLength(1);
    const [report] = reading.reports;
    expect(report?.reportId).toBe('report--e33ffe07-2f4c-48d8-b0af-ee2619d765cf');
    expect(report?.article.title).toBe("APT1: Exposing One of China's Cyber Espionage Units");
    expect(report?.article.publishedAt).toBe('2013-02-19T00:00:00.000Z');
    expect(report?.article.url).toBe(`${BASE}objects/report--e33ffe07-2f4c-48d8-b0af-ee2619d765cf/`);
    expect(report?.article.outlet).toBe('OASIS CTI examples');
    expect(report?.article.body).toContain('Mandiant has investigated computer security breaches');
    expect(report?.article.language).toBe('en');
    expect(report?.objectRefs).toHaveLength(75);
    // 76 objects: 1 report, 4 identities, the rest ignored.
    expect(reading.ignored).toBe(71);
    expect(reading.answers).toEqual([]);
  });

  it('names the report author from created_by_ref and reads disagreeing opinions and notes as denials', () => {
    const reading = parseStixBundle(fixture('apt1-with-opinion.json'), { baseUrl: BASE });
    expect(reading.reports[0]?.author).toBe('Mandiant');
    expect(reading.reports[0]?.article.outlet).toBe('Mandiant');
    expect(reading.answers.map((answer) => [answer.type, answer.disagrees])).toEqual([
      ['opinion', true],
      ['note', undefined],
      ['opinion', false],
    ]);
    const denials = stixDenials(reading, classifierDeps().lexicon);
    expect(denials.map((denial) => denial.answerId)).toEqual([
      'opinion--b01efc25-77b4-4003-b18b-f6e24b5cd9f7',
      'note--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061',
    ]);
    // The note's abstract comes first in its text and already disputes the report.
    expect(denials[1]?.sentence).toBe('Attribution disputed.');
    expect(new Set(denials.flatMap((denial) => denial.answersStoryIds)).size).toBe(1);
  });

  it('refuses a bundle whose report lacks its published date, naming the object', () => {
    const bundle = JSON.parse(readFileSync(`${SHARED_DATA}stix2-oasis/apt1.json`, 'utf8')) as {
      objects: Record<string, unknown>[];
    };
    const index = bundle.objects.findIndex((object) => object['type'] === 'report');
    delete bundle.objects[index]?.['published'];
    const parse = () => parseStixBundle(JSON.stringify(bundle), { baseUrl: BASE });
    expect(parse).toThrow(expect.objectContaining({ code: 'STIX_INVALID' }));
    expect(parse).toThrow(`objects.${index}.published`);
  });

  it('refuses JSON that is not a bundle with a non-retriable IngestNewsError', () => {
    const parse = () => parseStixBundle('{"type":"report"}', { baseUrl: BASE });
    expect(parse).toThrow(IngestNewsError);
    expect(parse).toThrow(expect.objectContaining({ code: 'STIX_INVALID', retriable: false }));
  });
});
