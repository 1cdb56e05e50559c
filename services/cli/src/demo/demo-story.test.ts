import type { TrustChanged } from '@trustwatch/schemas';
import { loadPolicy } from '@trustwatch/trust-engine';
import { beforeAll, describe, expect, it } from 'vitest';
import { ANSI, captureTerminal, silentLog, type CapturedTerminal } from '../test-support/capture.js';
import { runDemo, type DemoResult } from './run-demo.js';

const SUPER_MICRO_CUSTOMERS = ['brightwater-bank', 'kestrel-media', 'northwind-analytics'];
const SWAPPED = 'brightwater-bank';

describe('the embedded demo (memory bus, memory store, trust engine)', () => {
  let result: DemoResult;
  let term: CapturedTerminal;
  beforeAll(async () => {
    term = captureTerminal();
    const policy = await loadPolicy();
    result = await runDemo({ speed: 30, json: false, policy, log: silentLog }, term);
  });

  const stepIndex = (match: RegExp): number => {
    const index = result.steps.findIndex((s) => match.test(s.step.headline));
    expect(index, `a step matching ${String(match)}`).toBeGreaterThanOrEqual(0);
    return index;
  };
  const changeOf = (index: number, customerId: string): TrustChanged | undefined =>
    result.steps[index]?.changes.find((c) => c.data.customerId === customerId)?.data;

  it('drops every Super Micro customer on the allegation, and nobody else', () => {
    const allegation = stepIndex(/Big Hack/);
    const changes = result.steps[allegation]?.changes ?? [];
    expect(changes.map((c) => c.data.customerId).sort()).toEqual(SUPER_MICRO_CUSTOMERS);
    for (const { data } of changes) expect(data.overall.after).toBeLessThan(data.overall.before);
  });

  it('raises the Super Micro customers again with each denial and with the audit', () => {
    const answers = [/^Apple/, /^Amazon/, /refutes/, /audit/i].map(stepIndex);
    for (const customerId of SUPER_MICRO_CUSTOMERS) {
      const scores = answers.map((i) => changeOf(i, customerId));
      for (const change of scores)
        expect(change?.overall.after).toBeGreaterThan(change?.overall.before ?? 100);
    }
  });

  it('hits the customer with the swapped BMC image hardest', () => {
    const lowest = new Map<string, number>();
    for (const { changes } of result.steps) {
      for (const { data } of changes) {
        lowest.set(data.customerId, Math.min(lowest.get(data.customerId) ?? 100, data.overall.after));
      }
    }
    const others = [...lowest].filter(([id]) => id !== SWAPPED).map(([, score]) => score);
    expect(lowest.get(SWAPPED)).toBeLessThan(Math.min(...others));
    const finals = new Map(result.finals.map((f) => [f.customerId, f.score]));
    expect(finals.get(SWAPPED)).toBeLessThan(finals.get('northwind-analytics') ?? 0);
  });

  it('moves nobody on the OSE relocation from CN to TW, which lowers country risk', () => {
    expect(result.steps[stepIndex(/OSE moves/)]?.changes).toEqual([]);
  });

  it('never touches the customer without Super Micro servers', () => {
    expect(
      result.steps.flatMap((s) => s.changes).filter((c) => c.data.customerId === 'tallgrass-health'),
    ).toEqual([]);
    const tallgrass = result.finals.find((f) => f.customerId === 'tallgrass-health');
    expect(tallgrass?.score).toBe(100);
    expect(tallgrass?.activeFactors).toBe(0);
  });

  it('pages on CVE-2024-10237 (CVSS 7.2) where it applies, resolves the page on the upgrades, and not on the medium CVE-2025-6198', () => {
    const pages = (index: number, status: string) =>
      (result.steps[index]?.alerts ?? [])
        .filter((a) => a.labels.rule === 'severe-advisory-exposure' && a.status === status)
        .map((a) => a.labels.customer)
        .sort();
    expect(pages(stepIndex(/^CVE-2024-10237/), 'firing')).toEqual([
      'brightwater-bank',
      'northwind-analytics',
    ]);
    expect(pages(stepIndex(/^bw-x12-2/), 'resolved')).toEqual(['brightwater-bank']);
    expect(pages(stepIndex(/^nw-x12-1/), 'resolved')).toEqual(['northwind-analytics']);
    expect(pages(stepIndex(/^CVE-2025-6198/), 'firing')).toEqual([]);
  });

  it('prints every step and a final table per customer and vendor, without colour when not a terminal', () => {
    const out = term.stdout();
    expect(out).not.toMatch(ANSI);
    for (const { step } of result.steps) expect(out).toContain(step.headline);
    expect(out).toMatch(/brightwater-bank\s+\(overall\)\s+\d+\.\d/);
    expect(out).toMatch(/Supermicro\s+\d+\.\d/);
    expect(out).toContain('Run without --no-serve');
  });

  it('paces the replay by simulated time, never pausing longer than the cap', () => {
    expect(term.waits).toHaveLength(result.steps.length);
    expect(Math.max(...term.waits)).toBe(3000);
    // The Apple denial came nine hours after the allegation: 9/24 of a day at 30 days per second.
    expect(term.waits[stepIndex(/^Apple/)]).toBeCloseTo((9 / 24 / 30) * 1000, 6);
  });
});
