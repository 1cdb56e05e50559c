import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ANSI } from './test-support/capture.js';
import { childEnv } from './test-support/config.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = `${ROOT}dist/bin.js`;

/** Runs the built executable as a user would, stdout and stderr piped (so neither is a terminal). */
function trustwatch(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    env: childEnv(env),
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

/** True when some source file is newer than the built executable (or there is none yet). */
function stale(): boolean {
  if (!existsSync(BIN)) return true;
  const built = statSync(BIN).mtimeMs;
  const sources = readdirSync(`${ROOT}src`, { recursive: true, encoding: 'utf8' });
  return sources.some((file) => file.endsWith('.ts') && statSync(`${ROOT}src/${file}`).mtimeMs > built);
}

describe('the trustwatch executable', () => {
  beforeAll(() => {
    // CI builds before testing; a local run builds this package here when needed (against the built
    // declarations of the packages it references), so the test runs the code it sits next to.
    if (!stale()) return;
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '-p', `${ROOT}tsconfig.json`], { stdio: 'inherit' });
  }, 180_000);

  it('runs the demo to the end when piped: exit 0, a final table, no ANSI codes', () => {
    const { code, out, err } = trustwatch(['demo', '--no-serve', '--speed', '1000000000']);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('Scores at 2025-09-19');
    expect(out).toMatch(/tallgrass-health\s+\(overall\)\s+100\.0/);
    expect(out).not.toMatch(ANSI);
  });

  it('colours output for FORCE_COLOR and drops colour again for NO_COLOR', () => {
    expect(trustwatch(['nope'], { FORCE_COLOR: '1' }).err).toMatch(ANSI);
    expect(trustwatch(['nope'], { FORCE_COLOR: '1', NO_COLOR: '1' }).err).not.toMatch(ANSI);
  });

  it('ends on its own with exit 1 when a run cannot reach Redis or Kafka, leaving no connection open', () => {
    const started = Date.now();
    const { code, err } = trustwatch(['run', 'trust-engine'], {
      KAFKA_BROKERS: '127.0.0.1:1',
      REDIS_URL: 'redis://127.0.0.1:1',
      LOG_LEVEL: 'silent',
    });
    expect(code).toBe(1);
    expect(err).toContain('cannot connect to Redis');
    // Well inside the spawn timeout: a client left connected would keep the process alive until then.
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('exits 2 on a usage error and 0 on --help', () => {
    expect(trustwatch(['demo', '--speed', 'fast']).code).toBe(2);
    expect(trustwatch(['replay', '--help']).code).toBe(0);
  });
});
