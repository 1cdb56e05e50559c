import { explain, scoreAt, type Policy } from '@trustwatch/scoring';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { loadPolicy } from '../policy.js';
import {
  answers,
  bigHack,
  bmcObserved,
  cveAdvisory,
  firmwareSwap,
  reimport,
  supplierMove,
  timeline,
  x12Board,
} from './events.js';
import { CUSTOMERS, PORTFOLIO, Scenario, type ScenarioEnv } from './harness.js';

/**
 * The engine's scenarios, run on whatever bus and store `makeEnv` returns: the memory adapters (unit
 * project) and real Kafka + Redis (integration project) must behave the same.
 */
export function defineScenarioSuite(name: string, makeEnv: () => Promise<ScenarioEnv>): void {
  describe(name, () => {
    let policy: Policy;
    let running: Scenario | null = null;
    beforeAll(async () => {
      policy = await loadPolicy();
    });
    afterEach(async () => {
      await running?.stop();
      running = null;
    });
    // A manual clock everywhere: with the wall clock, decay would at once catch 2018 scores up to today.
    const start = async (clock = new ManualClock(Date.parse('2018-10-01T00:00:00Z'))): Promise<Scenario> => {
      running = await Scenario.start(await makeEnv(), { policy, clock });
      return running;
    };

    it('lowers trust for the customer whose server reported an unpublished firmware image, and no one else', async () => {
      const s = await start();
      await s.publish('firmware.changed', [firmwareSwap('acme', 'sm-1', '2026-11-24T10:00:00Z')]);
      await s.drain();
      const acme = await s.env.store.getSummary('acme');
      expect(acme?.overall.score).toBeLessThan(policy.baseline);
      expect(acme?.vendors.find((v) => v.vendorId === 'supermicro')?.score).toBeLessThan(
        acme?.overall.score ?? 0,
      );
      for (const other of ['globex', 'initech', 'umbrella']) {
        expect(await s.env.store.getSummary(other)).toBeNull();
        expect(s.changesOf(other)).toEqual([]);
      }
      const [change] = s.changesOf('acme');
      expect(change?.data.factors.map((f) => [f.kind, f.change])).toEqual([
        ['firmware_unknown_build', 'added'],
      ]);
      expect(change?.data.overall.after).toBe(acme?.overall.score);
    });

    it('moves trust for the customers of vendors buying from a relocated supplier, and only when the risk rises', async () => {
      const s = await start();
      await s.publish('supplier.changed', [
        supplierMove('ose', 'supermicro', 'motherboard', 'CN', 'TW', '2018-10-01'),
      ]);
      await s.publish('supplier.changed', [
        supplierMove('wistron', 'dell', 'motherboard', 'MX', 'CN', '2019-03-01'),
      ]);
      await s.drain();
      // CN -> TW lowers country risk: no factor, so no Super Micro customer moves for it.
      expect(s.changesOf('umbrella')).toEqual([]);
      for (const dellCustomer of ['acme', 'globex', 'initech']) {
        const [change] = s.changesOf(dellCustomer);
        expect(change?.data.factors.map((f) => [f.kind, f.vendorId])).toEqual([
          ['supplier_relocation', 'dell'],
        ]);
      }
      const initech = await s.env.store.getSummary('initech');
      const globex = await s.env.store.getSummary('globex');
      // Dell is all of Initech's fleet and 90% of Globex's: the same move costs Initech more overall.
      expect(initech?.overall.score).toBeLessThan(globex?.overall.score ?? 0);
    });

    it('lowers trust in Super Micro for its customers only, in proportion to their exposure', async () => {
      const s = await start();
      await s.publish('news.classified', [bigHack()]);
      await s.drain();
      const acme = await s.env.store.getSummary('acme');
      const globex = await s.env.store.getSummary('globex');
      expect(s.changesOf('initech')).toEqual([]);
      expect(s.changesOf('umbrella')).toEqual([]);
      // Half of Acme's fleet is Super Micro, a tenth of Globex's.
      expect(acme?.overall.score).toBeLessThan(globex?.overall.score ?? 0);
      expect(globex?.overall.score).toBeLessThan(policy.baseline);
      // Within the vendor, both run only Super Micro boards of that vendor: the same per-vendor score.
      const vendorScore = (summary: typeof acme) =>
        summary?.vendors.find((v) => v.vendorId === 'supermicro')?.score;
      expect(vendorScore(acme)).toBeCloseTo(vendorScore(globex) ?? 0, 9);
      const factors = await s.env.store.getFactors('acme');
      expect(factors.map((f) => [f.kind, f.origin, f.exposure])).toEqual([
        ['news_allegation', 'shared', 0.5],
      ]);
    });

    it('raises Super Micro customers again after denials and the audit, keeping the allegation in history', async () => {
      const s = await start();
      await s.publish('news.classified', [bigHack()]);
      await s.drain();
      const low = await s.env.store.getSummary('acme');
      const scores: number[] = [];
      for (const answer of answers()) {
        await s.publish('news.classified', [answer]);
        await s.drain();
        scores.push((await s.env.store.getSummary('acme'))?.overall.score ?? Number.NaN);
      }
      expect(scores[0]).toBeGreaterThan(low?.overall.score ?? 100);
      for (let i = 1; i < scores.length; i += 1) expect(scores[i]).toBeGreaterThan(scores[i - 1] ?? 100);
      const [claim] = await s.env.store.getFactors('acme');
      expect(claim?.status).toBe('active');
      expect(claim?.reassessments.map((r) => r.kind)).toEqual(['denial', 'denial', 'denial', 'audit_clear']);
      // As-of: the day of the report still shows the low score.
      const then = await s.env.store.summaryAsOf('acme', Date.parse('2018-10-04T12:00:00Z'));
      expect(then?.overall.score).toBe(low?.overall.score);
      const feed = await s.env.store.feed('acme', { limit: 100 });
      expect(feed.entries.length).toBeGreaterThanOrEqual(2);
      expect(s.changesOf('initech')).toEqual([]);
    });

    it('matches CVE-2024-10237 to exactly the boards running BMC 1.04.16 and resolves it when they upgrade', async () => {
      const s = await start();
      await s.publish('advisory.published', [cveAdvisory()]);
      await s.drain();
      const [factor] = await s.env.store.getFactors('acme');
      expect(factor?.kind).toBe('advisory_exposure');
      // sm-1 and sm-2 of Acme's eight servers run 1.04.16; Globex's X11 board is not in the record.
      expect(factor?.exposure).toBe(2 / 8);
      expect(factor?.vendorExposure).toBe(2 / 4);
      for (const other of ['globex', 'initech', 'umbrella'])
        expect(await s.env.store.getFactors(other)).toEqual([]);
      await s.publish('firmware.observed', [bmcObserved('acme', 'sm-1', '1.04.18', '2025-03-01T00:00:00Z')]);
      await s.drain();
      expect((await s.env.store.getFactors('acme'))[0]?.exposure).toBe(1 / 8);
      await s.publish('firmware.observed', [bmcObserved('acme', 'sm-2', '1.04.18', '2025-03-02T00:00:00Z')]);
      await s.drain();
      const [resolved] = await s.env.store.getFactors('acme');
      expect(resolved?.status).toBe('resolved');
      expect(resolved?.resolvedAt).toBe('2025-03-02T00:00:00.000Z');
      const acme = await s.env.store.getSummary('acme');
      expect(acme?.overall.score).toBe(policy.baseline);
      const last = s.changesOf('acme').at(-1);
      expect(last?.data.factors.map((f) => f.change)).toEqual(['resolved']);
    });

    it('re-evaluates a decaying score exactly when it is due to leave its band, and not before', async () => {
      const clock = new ManualClock(Date.parse('2018-10-04T09:00:00Z'));
      const s = await start(clock);
      await s.publish('news.classified', [bigHack()]);
      await s.drain();
      const before = await s.env.store.getSummary('acme');
      const band = before?.vendors.find((v) => v.vendorId === 'supermicro')?.band;
      expect(band).not.toBeNull();
      const factors = await s.env.store.getFactors('acme');
      const threshold = policy.thresholds.find((t) => t.name === band)?.value ?? 0;
      const scope = { level: 'vendor', vendorId: 'supermicro' } as const;
      // The first whole second at which the vendor score is back at its band's exit line (bisection).
      const target = threshold + policy.hysteresis;
      let lo = Date.parse('2018-10-04T09:00:00Z') / 1000;
      let hi = lo + 365 * 86_400;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (scoreAt(factors, mid * 1000, policy, scope) >= target) hi = mid;
        else lo = mid;
      }
      const due = hi * 1000;
      const count = s.received.length;
      clock.advanceTo(due - 1000);
      await s.drain();
      expect(s.received.length).toBe(count);
      clock.advanceTo(due);
      await s.drain();
      const decayed = s.changesOf('acme').at(-1);
      expect(decayed?.data.causeEventIds).toEqual([]);
      expect(Date.parse(decayed?.data.at ?? '')).toBe(due);
      expect(decayed?.data.crossings).toContainEqual({
        threshold: band,
        value: threshold,
        direction: 'up',
        scope,
      });
      expect(decayed?.data.factors.map((f) => f.change)).toEqual(['decayed']);
      expect(explain(factors, due, policy).score).toBe(decayed?.data.overall.after);
    });

    it('binds the Super Micro allegation to a customer whose re-imported fleet now has a Super Micro board', async () => {
      const s = await start();
      await s.publish('news.classified', [bigHack()]);
      await s.drain();
      expect(s.changesOf('umbrella')).toEqual([]);
      const fleet = [...(PORTFOLIO.customers['umbrella'] ?? []), x12Board('umbrella-sm-1', '1.04.18')];
      const event = await reimport(s.env.store, 'umbrella', fleet, '2018-10-05T00:00:00Z');
      await s.publish('fleet.changed', [event, event]);
      await s.drain();
      const factors = await s.env.store.getFactors('umbrella');
      expect(factors.map((f) => [f.kind, f.origin, f.exposure, f.vendorExposure])).toEqual([
        ['news_allegation', 'shared', 1 / 4, 1],
      ]);
      const umbrella = await s.env.store.getSummary('umbrella');
      expect(umbrella?.overall.score).toBeLessThan(policy.baseline);
      const changes = s.changesOf('umbrella');
      expect(changes).toHaveLength(1);
      expect(changes[0]?.data.causeEventIds).toEqual([event.id]);
      expect(changes[0]?.data.factors.map((f) => [f.kind, f.change])).toEqual([['news_allegation', 'added']]);
    });

    it('re-matches advisories and re-binds firmware factors when a re-import drops and adds boards', async () => {
      const s = await start();
      await s.publish('firmware.changed', [firmwareSwap('acme', 'sm-1', '2026-11-24T10:00:00Z')]);
      await s.publish('advisory.published', [cveAdvisory()]);
      await s.drain();
      const at = '2026-11-25T00:00:00Z';
      // Acme keeps three X12 boards (sm-1, whose image was swapped, is gone); Umbrella gains one on 1.04.16.
      const acmeFleet = (PORTFOLIO.customers['acme'] ?? []).filter((a) =>
        ['sm-2', 'sm-3', 'sm-4'].includes(a.id),
      );
      const umbrellaFleet = [
        ...(PORTFOLIO.customers['umbrella'] ?? []),
        x12Board('umbrella-sm-1', '1.04.16'),
      ];
      await s.publish('fleet.changed', [
        await reimport(s.env.store, 'acme', acmeFleet, at),
        await reimport(s.env.store, 'umbrella', umbrellaFleet, at),
      ]);
      await s.drain();
      const acme = await s.env.store.getFactors('acme');
      const byKind = (kind: string) => acme.filter((f) => f.kind === kind);
      expect(byKind('firmware_unknown_build').map((f) => [f.status, f.resolvedAt])).toEqual([
        ['resolved', '2026-11-25T00:00:00.000Z'],
      ]);
      // sm-2 alone still runs 1.04.16: a third of the fleet, all of it Super Micro.
      expect(byKind('advisory_exposure').map((f) => [f.status, f.exposure])).toEqual([['active', 1 / 3]]);
      const umbrella = await s.env.store.getFactors('umbrella');
      expect(umbrella.map((f) => [f.kind, f.exposure, f.vendorExposure])).toEqual([
        ['advisory_exposure', 1 / 4, 1],
      ]);
      expect(
        s
          .changesOf('umbrella')
          .at(-1)
          ?.data.factors.map((f) => [f.kind, f.change]),
      ).toEqual([['advisory_exposure', 'added']]);
    });

    it('changes nothing when every event is delivered again', async () => {
      const s = await start();
      const replay = async () => {
        for (const [topic, events] of timeline()) await s.publish(topic, events);
        await s.drain();
      };
      await replay();
      const once = await s.state();
      const ids = new Set(s.received.map((e) => e.id));
      expect(ids.size).toBeGreaterThan(CUSTOMERS.length);
      await replay();
      expect(await s.state()).toEqual(once);
      expect(new Set(s.received.map((e) => e.id))).toEqual(ids);
    });
  });
}
