import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publicDataPath } from '@trustwatch/testing';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { QUIET_ENV, captureTerminal } from '../test-support/capture.js';

async function run(argv: string[]) {
  const term = captureTerminal();
  const code = await runCli(argv, term, QUIET_ENV);
  return { code, out: term.stdout(), err: term.stderr() };
}

describe('trustwatch news classify', () => {
  it('reads a real CVE record into the advisory the engine matches against fleets', async () => {
    const { code, out } = await run([
      'news',
      'classify',
      publicDataPath('cve-records', 'CVE-2024-10237.json'),
      '--json',
    ]);
    expect(code).toBe(0);
    const reading = JSON.parse(out) as {
      kind: string;
      advisories: { advisoryId: string; affected: unknown[] }[];
    };
    expect(reading.kind).toBe('cve');
    expect(reading.advisories[0]).toMatchObject({
      advisoryId: 'CVE-2024-10237',
      affected: [
        {
          vendorId: 'vendor:supermicro',
          product: 'MBD-X12DPG-OA6',
          versions: [{ version: '1.04.16', status: 'affected' }],
        },
      ],
    });
  });

  it('prints the advisory readably without --json', async () => {
    const { code, out } = await run([
      'news',
      'classify',
      publicDataPath('cve-records', 'CVE-2024-10237.json'),
    ]);
    expect(code).toBe(0);
    expect(out).toContain('vendor:supermicro MBD-X12DPG-OA6: 1.04.16 affected');
  });

  it.each([
    [['news'], 'news needs a subcommand: classify'],
    [['news', 'summarise', 'x'], 'unknown news subcommand "summarise"'],
    [['news', 'classify'], 'news classify needs a FILE'],
  ])('exits 2 for the usage error %j', async (argv, message) => {
    const { code, err } = await run(argv);
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(err).toContain('hint: run `trustwatch news --help`');
  });

  it('exits 1 with the reader’s reason for JSON that is neither a CVE record nor a STIX bundle', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trustwatch-news-'));
    try {
      writeFileSync(join(dir, 'other.json'), '{"hello": "world"}');
      const { code, err } = await run(['news', 'classify', join(dir, 'other.json')]);
      expect(code).toBe(1);
      expect(err).toMatch(/^trustwatch: error: JSON is neither a CVE record nor a STIX bundle\nhint: /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
