import { decodeEvent } from '@trustwatch/schemas';
import { describe, expect, it } from 'vitest';
import { customerId, fleetOf, zipfOwners } from '../../bench/src/portfolio.js';
import { seededRandom, zipfSampler } from '../../bench/src/random.js';
import { eventCount, mixedEvents, oneToOneEvents } from '../../bench/src/workload.js';

const shape = { customers: 300, assetsPerCustomer: 3, fanOut: [1, 100] };
const stamp = { tag: 'unit', epoch: Date.parse('2026-11-01T00:00:00Z') };

describe('bench workload', () => {
  it('produces 1:1 events that pass the schemas: nine firmware changes to one supplier change', () => {
    const events = oneToOneEvents(200, shape, stamp);
    const firmware = events.get('firmware.changed') ?? [];
    const supplier = events.get('supplier.changed') ?? [];
    expect(firmware).toHaveLength(180);
    expect(supplier).toHaveLength(20);
    for (const event of [...firmware, ...supplier]) expect(() => decodeEvent(event)).not.toThrow();
  });

  it('adds one valid news item per fifty events about the Zipf vendors in the realistic mix', () => {
    const events = mixedEvents(500, shape, stamp);
    const news = events.get('news.classified') ?? [];
    expect(news).toHaveLength(10);
    expect(eventCount(events)).toBe(510);
    for (const event of news) expect(() => decodeEvent(event)).not.toThrow();
  });

  it('generates the same events from the same seed, so the oracle sees what Kafka carries', () => {
    expect(mixedEvents(100, shape, stamp)).toEqual(mixedEvents(100, shape, stamp));
  });
});

describe('bench portfolio', () => {
  it('gives the fan-out vendor fan-N to exactly N customers', () => {
    const owners = Array.from({ length: shape.customers }, (_, i) => fleetOf(i, shape)).filter((fleet) =>
      fleet.some((asset) => asset.vendor === 'fan-100'),
    );
    expect(owners).toHaveLength(100);
  });

  it('halves the owners of each Zipf vendor from rank one to rank two', () => {
    expect(zipfOwners(1, 5_000)).toBe(5_000);
    expect(zipfOwners(2, 5_000)).toBe(2_500);
    expect(zipfOwners(1, 300)).toBe(300);
  });

  it('names customers so that byte order is numeric order', () => {
    expect(customerId(9) < customerId(10)).toBe(true);
  });

  it('picks rank one of a Zipf distribution about as often as ranks two and three together', () => {
    const rank = zipfSampler(20, 1, seededRandom(3));
    const counts = new Map<number, number>();
    for (let i = 0; i < 20_000; i += 1) {
      const r = rank();
      counts.set(r, (counts.get(r) ?? 0) + 1);
    }
    const one = counts.get(1) ?? 0;
    const twoThree = (counts.get(2) ?? 0) + (counts.get(3) ?? 0);
    expect(one / twoThree).toBeGreaterThan(1.05);
    expect(one / twoThree).toBeLessThan(1.35);
    expect(Math.max(...counts.keys())).toBeLessThanOrEqual(20);
  });
});
