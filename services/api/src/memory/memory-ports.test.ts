import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemorySilencePort } from './memory-alerting.js';
import { pageOf } from './page.js';

describe('memory ports', () => {
  it('pages through any sorted listing returning every item exactly once, in order', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string(), { maxLength: 60 }),
        fc.integer({ min: 1, max: 10 }),
        (keys, limit) => {
          const sorted = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
          const seen: string[] = [];
          let after: string | undefined;
          for (;;) {
            const page = pageOf(sorted, (k) => k, after === undefined ? { limit } : { limit, after });
            expect(page.items.length).toBeLessThanOrEqual(limit);
            seen.push(...page.items);
            if (page.next === null) break;
            after = page.next;
          }
          expect(seen).toEqual(sorted);
        },
      ),
    );
  });

  it('derives a silence status from the clock: pending, then active, then expired; expiring ends it now', async () => {
    let now = Date.parse('2026-11-01T00:00:00Z');
    const port = createMemorySilencePort(() => now);
    const silence = await port.create({
      matchers: [{ label: 'customer', value: 'acme', equal: true }],
      startsAt: '2026-11-01T01:00:00Z',
      endsAt: '2026-11-01T03:00:00Z',
      comment: 'window',
      createdBy: 'soc',
    });
    expect(silence.status).toBe('pending');
    now = Date.parse('2026-11-01T02:00:00Z');
    expect((await port.list({ limit: 10 })).items[0]?.status).toBe('active');
    const expired = await port.expire(silence.id, '2026-11-01T02:00:00.000Z');
    expect(expired).toMatchObject({ status: 'expired', endsAt: '2026-11-01T02:00:00.000Z' });
    expect(await port.expire('unknown', '2026-11-01T02:00:00.000Z')).toBeNull();
  });
});
