import { readFileSync } from 'node:fs';
import { factorId, type Factor } from '@trustwatch/schemas';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../policy/parse-policy.js';
import { bandOf, isMaterial, moveBand } from './bands.js';
import { nextCrossingAt } from './next-crossing.js';
import { scoreAt } from './score.js';
import { summarize } from './summary.js';

const policy = parsePolicy(
  readFileSync(new URL('../../policy/default.policy.yaml', import.meta.url), 'utf8'),
);
const overall = { level: 'overall' } as const;

describe('bands with hysteresis', () => {
  it('enters a band as soon as the score is below its threshold', () => {
    expect(bandOf(85, policy)).toBeNull();
    expect(bandOf(79.9, policy)).toBe('watch');
    expect(bandOf(59, policy)).toBe('warning');
    expect(bandOf(10, policy)).toBe('critical');
  });

  it('stays in a band until the score regains the hysteresis margin above its threshold', () => {
    const margin = policy.hysteresis;
    expect(bandOf(61, policy, 'warning')).toBe('warning');
    expect(bandOf(60 + margin, policy, 'warning')).toBe('watch');
    expect(bandOf(80 + margin - 0.01, policy, 'watch')).toBe('watch');
    expect(bandOf(80 + margin, policy, 'watch')).toBeNull();
  });

  it('reports every threshold a score falls through, in order, and the way back up', () => {
    const down = moveBand(null, 35, policy, overall);
    expect(down.band).toBe('critical');
    expect(down.crossings.map((c) => [c.threshold, c.direction])).toEqual([
      ['watch', 'down'],
      ['warning', 'down'],
      ['critical', 'down'],
    ]);
    const up = moveBand('critical', 70, policy, { level: 'vendor', vendorId: 'supermicro' });
    expect(up.band).toBe('watch');
    expect(up.crossings.map((c) => [c.threshold, c.direction])).toEqual([
      ['critical', 'up'],
      ['warning', 'up'],
    ]);
    expect(up.crossings[0]?.scope).toEqual({ level: 'vendor', vendorId: 'supermicro' });
  });

  it('crosses nothing while a score wobbles inside the margin', () => {
    expect(moveBand('warning', 61.5, policy, overall).crossings).toEqual([]);
    expect(moveBand('warning', 59.5, policy, overall).crossings).toEqual([]);
  });

  it('calls a move material only from the policy materiality up', () => {
    expect(isMaterial(90, 90 - policy.materiality, policy)).toBe(true);
    expect(isMaterial(90, 90 - policy.materiality / 2, policy)).toBe(false);
    expect(isMaterial(90, 90, policy)).toBe(false);
  });
});

function certainAllegation(occurredAt: string): Factor {
  return {
    id: factorId('news_allegation', 'globex', occurredAt),
    kind: 'news_allegation',
    scope: { level: 'entity', entity: { kind: 'vendor', id: 'supermicro' }, vendorId: 'supermicro' },
    severity: 1,
    credibility: 1,
    occurredAt,
    halfLifeHours: policy.kinds.news_allegation.halfLifeHours,
    status: 'active',
    evidence: { eventIds: ['e1'], urls: [], outlets: ['bloomberg'] },
    reassessments: [],
    summary: 'allegation',
    origin: 'shared',
    customerId: 'globex',
    exposure: 1,
    vendorExposure: 1,
  };
}

describe('nextCrossingAt', () => {
  it('schedules the first second at which decay lifts the score out of its band', () => {
    const factors = [certainAllegation('2018-10-04T00:00:00Z')];
    const { summary } = summarize({ customerId: 'globex', factors, at: '2018-10-04T00:00:00Z', policy });
    expect(summary.overall.band).toBe('critical');
    const next = nextCrossingAt(factors, summary, policy);
    expect(next).not.toBeNull();
    const at = Date.parse(next ?? '');
    const target = 40 + policy.hysteresis;
    expect(scoreAt(factors, at, policy)).toBeGreaterThanOrEqual(target);
    expect(scoreAt(factors, at - 1000, policy)).toBeLessThan(target);
    expect(
      summarize({ customerId: 'globex', factors, at: next ?? '', policy, previous: summary }).crossings,
    ).toEqual([
      { threshold: 'critical', value: 40, direction: 'up', scope: { level: 'overall' } },
      {
        threshold: 'critical',
        value: 40,
        direction: 'up',
        scope: { level: 'vendor', vendorId: 'supermicro' },
      },
    ]);
  });

  it('schedules nothing when a persistent factor holds the score down or no band is entered', () => {
    const persistent: Factor = {
      ...certainAllegation('2018-10-04T00:00:00Z'),
      kind: 'firmware_unknown_build',
    };
    const held = summarize({
      customerId: 'globex',
      factors: [persistent],
      at: '2018-10-04T00:00:00Z',
      policy,
    });
    expect(held.summary.overall.band).not.toBeNull();
    expect(nextCrossingAt([persistent], held.summary, policy)).toBeNull();
    const clear = summarize({ customerId: 'globex', factors: [], at: '2018-10-04T00:00:00Z', policy });
    expect(nextCrossingAt([], clear.summary, policy)).toBeNull();
  });
});
