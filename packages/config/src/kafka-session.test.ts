import { describe, expect, it } from 'vitest';
import { ConfigError, KAFKA_SESSION_TIMEOUT, kafkaSection, loadConfig } from './index.js';

const brokers = { KAFKA_BROKERS: 'kafka-1:9093' };
const kafkaOf = (env: Record<string, string>) =>
  loadConfig({ kafka: kafkaSection() }, { ...brokers, ...env }).kafka;

function problems(env: Record<string, string>): string[] {
  try {
    kafkaOf(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((i) => `${i.variable}: ${i.problem}`);
    throw error;
  }
  return [];
}

describe('kafkaSection group timings', () => {
  it('defaults to a 10 s session with a 3 s heartbeat, so a crashed member is replaced in about 10 s', () => {
    expect(kafkaOf({})).toMatchObject({ sessionTimeoutMs: 10_000, heartbeatIntervalMs: 3_000 });
  });

  it('reads KAFKA_SESSION_TIMEOUT_MS and keeps the default heartbeat within a third of it', () => {
    expect(kafkaOf({ KAFKA_SESSION_TIMEOUT_MS: '6000' })).toMatchObject({
      sessionTimeoutMs: 6_000,
      heartbeatIntervalMs: 2_000,
    });
    expect(
      kafkaOf({ KAFKA_SESSION_TIMEOUT_MS: '45000', KAFKA_HEARTBEAT_INTERVAL_MS: '15000' }),
    ).toMatchObject({ sessionTimeoutMs: 45_000, heartbeatIntervalMs: 15_000 });
  });

  it("refuses a session outside the broker's default 6 s..300 s range, or not a whole number", () => {
    const { minMs, maxMs } = KAFKA_SESSION_TIMEOUT;
    expect(problems({ KAFKA_SESSION_TIMEOUT_MS: String(minMs - 1) })).toEqual([
      `KAFKA_SESSION_TIMEOUT_MS: must be at least ${String(minMs)}`,
    ]);
    expect(problems({ KAFKA_SESSION_TIMEOUT_MS: String(maxMs + 1) })).toEqual([
      `KAFKA_SESSION_TIMEOUT_MS: must be at most ${String(maxMs)}`,
    ]);
    expect(problems({ KAFKA_SESSION_TIMEOUT_MS: '10s' })).toEqual([
      'KAFKA_SESSION_TIMEOUT_MS: must be a whole number of milliseconds',
    ]);
  });

  it('refuses a heartbeat longer than a third of the session', () => {
    expect(problems({ KAFKA_SESSION_TIMEOUT_MS: '9000', KAFKA_HEARTBEAT_INTERVAL_MS: '3001' })).toEqual([
      'KAFKA_HEARTBEAT_INTERVAL_MS: must be at most a third of KAFKA_SESSION_TIMEOUT_MS (3000)',
    ]);
  });
});
