import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alertSchema, decodeEvent, encodeStructured } from '@trustwatch/schemas';
import { loadPolicy } from '@trustwatch/trust-engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { DEMO_DATA_DIR } from '../demo/demo-files.js';
import { runDemo, type DemoResult } from '../demo/run-demo.js';
import { loadDemoScenario } from '../demo/scenario.js';
import { QUIET_ENV, captureTerminal, silentLog } from '../test-support/capture.js';

describe('trustwatch replay', () => {
  let dir: string;
  let eventsFile: string;
  let demo: DemoResult;
  const fleetArgs: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trustwatch-replay-'));
    const scenario = loadDemoScenario();
    eventsFile = join(dir, 'events.ndjson');
    // Written newest first: replay must order events by time itself.
    const lines = scenario.steps.flatMap((s) => s.events.map((e) => encodeStructured(e))).reverse();
    writeFileSync(eventsFile, `${lines.join('\n')}\n\n`);
    for (const fleet of scenario.fleets) {
      fleetArgs.push('--fleet', `${fleet.customerId}=${DEMO_DATA_DIR}fleets/${fleet.customerId}.json`);
    }
    const policy = await loadPolicy();
    demo = await runDemo({ speed: 1, json: true, policy, log: silentLog }, captureTerminal());
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function replay(argv: string[], stderrTty = false) {
    const term = captureTerminal({ stderrTty });
    const code = await runCli(['replay', ...argv], term, QUIET_ENV);
    return { code, out: term.stdout(), err: term.stderr() };
  }

  it('prints schema-valid trust changes and alerts and the same final scores as the demo, as NDJSON', async () => {
    const suppliers = `${DEMO_DATA_DIR}suppliers/registry-2018-06-30.json`;
    const { code, out, err } = await replay([eventsFile, ...fleetArgs, '--suppliers', suppliers, '--json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const lines = out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { kind: string; event?: unknown });
    const changes = lines.filter((l) => l.kind === 'trust_changed');
    expect(changes).toHaveLength(demo.steps.reduce((n, s) => n + s.changes.length, 0));
    for (const line of changes)
      expect(decodeEvent(line.event as never).type).toBe('com.trustwatch.trust.changed.v1');
    const alerts = lines.filter((l) => l.kind === 'alert') as { alert?: unknown }[];
    expect(alerts).toHaveLength(demo.steps.reduce((n, s) => n + s.alerts.length, 0));
    for (const line of alerts) expect(alertSchema.safeParse(line.alert).success).toBe(true);
    const finals = lines.filter((l) => l.kind === 'final_score');
    expect(finals).toEqual(demo.finals.map((f) => ({ kind: 'final_score', ...f })));
  });

  it('prints a readable timeline and a final table without --json, and no progress note into a pipe', async () => {
    const { code, out, err } = await replay([eventsFile, ...fleetArgs]);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toContain('CVE-2024-10237');
    expect(out).toMatch(/kestrel-media\s+\(overall\)/);
  });

  it('shows progress on stderr when it is a terminal, and clears it at the end', async () => {
    const { code, err } = await replay([eventsFile, ...fleetArgs, '--json'], true);
    expect(code).toBe(0);
    expect(err).toContain('\rreplaying: 0/');
    expect(err.endsWith('\r\u001b[K')).toBe(true);
  });

  it('exits 1 naming the line when a line is not a CloudEvent of a documented type', async () => {
    const bad = join(dir, 'bad.ndjson');
    writeFileSync(
      bad,
      `${encodeStructured(loadDemoScenario().steps[0]!.events[0]!)}\n{"specversion":"1.0","id":"x","source":"s","type":"com.example.other","data":{}}\n`,
    );
    const { code, err } = await replay([bad]);
    expect(code).toBe(1);
    expect(err).toMatch(/^trustwatch: error: .*bad\.ndjson line 2: /);
    expect(err).toContain('hint: each line must be one structured CloudEvent');
  });

  it('exits 1 with the fleet error when a fleet file is invalid', async () => {
    const fleet = join(dir, 'broken.json');
    writeFileSync(fleet, JSON.stringify({ assets: [{ id: 'a' }] }));
    const { code, err } = await replay([eventsFile, '--fleet', fleet]);
    expect(code).toBe(1);
    expect(err).toContain('fleet JSON invalid');
  });
});
