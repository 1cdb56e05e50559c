import { ConfigError } from '@trustwatch/config';
import { describe, expect, it } from 'vitest';
import { loadAlerterConfig } from './config.js';

const base = {
  KAFKA_BROKERS: 'kafka-1:9092',
  REDIS_URL: 'redis://redis:6379',
  ALERT_RECEIVERS_FILE: '/etc/trustwatch/receivers.yaml',
};

describe('alerter config', () => {
  it('applies defaults for everything but the broker list, the Redis URL and the receivers file', () => {
    const config = loadAlerterConfig(base);
    expect(config.alerter).toEqual({
      receiversFile: '/etc/trustwatch/receivers.yaml',
      dashboardBaseUrl: 'http://localhost:8080',
      groupId: 'alerter',
      outboxName: 'alerts',
      tickMs: 1_000,
      namespace: '',
      shutdownDeadlineMs: 30_000,
    });
    expect(config.redis.keyPrefix).toBe('tw');
    expect(Object.isFrozen(config.alerter)).toBe(true);
  });

  it('accepts a dashboard on an IP address and refuses one that is not http(s)', () => {
    const local = loadAlerterConfig({ ...base, DASHBOARD_BASE_URL: 'http://127.0.0.1:8080' });
    expect(local.alerter.dashboardBaseUrl).toBe('http://127.0.0.1:8080');
    expect(() => loadAlerterConfig({ ...base, DASHBOARD_BASE_URL: 'ftp://127.0.0.1/' })).toThrow(ConfigError);
  });

  it('names every bad variable at once', () => {
    let caught: unknown;
    try {
      loadAlerterConfig({
        REDIS_URL: 'redis://r:6379',
        DASHBOARD_BASE_URL: 'javascript:alert(1)',
        ALERTER_TICK_MS: '0',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    for (const name of ['KAFKA_BROKERS', 'ALERT_RECEIVERS_FILE', 'DASHBOARD_BASE_URL', 'ALERTER_TICK_MS']) {
      expect(String((caught as Error).message)).toContain(name);
    }
  });
});
