import { describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { QUIET_ENV, captureTerminal } from '../test-support/capture.js';

async function run(argv: string[], environment: Record<string, string> = {}) {
  const term = captureTerminal();
  const code = await runCli(argv, term, { ...QUIET_ENV, environment });
  return { code, out: term.stdout(), err: term.stderr() };
}

describe('trustwatch run', () => {
  it('exits 2 naming the known services when a service is unknown', async () => {
    const { code, out, err } = await run(['run', 'trust-engine', 'frob']);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('unknown service "frob"');
    expect(err).toContain('ingest-firmware, ingest-supplier, ingest-news, trust-engine, alerter, api, all');
    expect(err).toContain('hint: run `trustwatch run --help`');
  });

  it('exits 2 when no service is named', async () => {
    const { code, err } = await run(['run']);
    expect(code).toBe(2);
    expect(err).toContain('run needs at least one service');
  });

  it('exits 1 naming every missing variable when Kafka and Redis are not configured', async () => {
    const { code, err } = await run(['run', 'trust-engine']);
    expect(code).toBe(1);
    const [line, hint] = err.split('\n');
    expect(line).toContain('invalid environment:');
    expect(line).toContain('KAFKA_BROKERS: required');
    expect(line).toContain('REDIS_URL: required');
    expect(hint).toBe('hint: set the variables named above; `trustwatch run --help` lists them');
  });

  it("checks every named service's own settings before starting any: the alerter needs its receivers file", async () => {
    const { code, err } = await run(['run', 'trust-engine', 'alerter'], {
      KAFKA_BROKERS: '127.0.0.1:1',
      REDIS_URL: 'redis://127.0.0.1:1',
    });
    expect(code).toBe(1);
    expect(err).toContain('invalid environment: ALERT_RECEIVERS_FILE: required');
    // The engine, named first, never started: it would have logged its connection attempts.
    expect(err).not.toContain('"level"');
  });

  it('refuses to watch nothing: the supplier ingest needs SUPPLIER_INPUTS, before connecting', async () => {
    const { code, out, err } = await run(['run', 'ingest-supplier'], {
      KAFKA_BROKERS: '127.0.0.1:1',
      REDIS_URL: 'redis://127.0.0.1:1',
      LOG_LEVEL: 'silent',
    });
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain('invalid environment: SUPPLIER_INPUTS: nothing to watch');
  });

  it('refuses a malformed broker address without connecting', async () => {
    const { code, err } = await run(['run', 'trust-engine'], {
      KAFKA_BROKERS: 'no-port',
      REDIS_URL: 'redis://127.0.0.1:1',
    });
    expect(code).toBe(1);
    expect(err).toContain('KAFKA_BROKERS: each broker must be host:port');
  });

  it('exits 1 with a hint to start Redis when the engine cannot reach it, starting nothing', async () => {
    const { code, out, err } = await run(['run', 'trust-engine'], {
      KAFKA_BROKERS: '127.0.0.1:1',
      REDIS_URL: 'redis://127.0.0.1:1',
      LOG_LEVEL: 'silent',
    });
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain('cannot connect to Redis at the address in REDIS_URL');
  });
});
