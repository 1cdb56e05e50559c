import { describe, expect, it } from 'vitest';
import { createLogger, memoryDestination } from './index.js';

const CANARY = 'canary-7f3a9c-do-not-log';

function capture(level: 'info' | 'debug' = 'info') {
  const destination = memoryDestination();
  return { log: createLogger({ service: 'trust-engine', level, destination }), destination };
}

describe('createLogger', () => {
  it('writes JSON lines with the service name, an ISO time and the message', () => {
    const { log, destination } = capture();
    log.info({ customerId: 'cust-42' }, 'score moved');
    const [record] = destination.records();
    expect(record).toMatchObject({ service: 'trust-engine', customerId: 'cust-42', msg: 'score moved' });
    expect(new Date(String(record?.['time'])).toISOString()).toBe(record?.['time']);
  });

  it('drops lines below the configured level', () => {
    const { log, destination } = capture('info');
    log.debug('hidden');
    log.warn('shown');
    expect(destination.records().map((record) => record['msg'])).toEqual(['shown']);
  });

  it('censors the documented secret paths', () => {
    const { log, destination } = capture();
    log.info({
      password: CANARY,
      headers: { authorization: `Bearer ${CANARY}`, cookie: CANARY, 'set-cookie': CANARY },
      req: { headers: { authorization: CANARY } },
      config: { kafka: { sasl: { mechanism: 'plain', username: 'svc', password: CANARY } } },
    });
    expect(destination.text()).not.toContain(CANARY);
    expect(destination.records()[0]).toMatchObject({
      password: '[REDACTED]',
      headers: { cookie: '[REDACTED]' },
    });
  });

  it('censors secrets by key at any depth and inside arrays', () => {
    const { log, destination } = capture();
    log.info({
      a: { b: { c: { d: { password: CANARY, apiKey: CANARY, clientSecret: CANARY } } } },
      channels: [{ kind: 'slack', webhookUrl: `https://hooks.example/${CANARY}` }, { token: CANARY }],
      env: { KAFKA_SASL_PASSWORD: CANARY, REDIS_URL: `redis://:${CANARY}@cache:6379` },
    });
    expect(destination.text()).not.toContain(CANARY);
    expect(destination.records()[0]).toMatchObject({ channels: [{ kind: 'slack' }, {}] });
  });

  it('scrubs credentials from URLs inside values and messages but keeps the host', () => {
    const { log, destination } = capture();
    log.info(
      { target: `redis://app:${CANARY}@cache.internal:6379/0` },
      `connecting to rediss://:${CANARY}@cache`,
    );
    const text = destination.text();
    expect(text).not.toContain(CANARY);
    expect(text).toContain('cache.internal:6379');
    expect(destination.records()[0]?.['msg']).toBe('connecting to rediss://[REDACTED]@cache');
  });

  it('censors secrets bound to a child logger', () => {
    const { log, destination } = capture();
    log.child({ module: 'bus', sasl: { username: 'svc', password: CANARY } }).info('connected');
    expect(destination.text()).not.toContain(CANARY);
    expect(destination.records()[0]).toMatchObject({ module: 'bus', service: 'trust-engine' });
  });

  it('serialises errors passed as err without losing their message', () => {
    const { log, destination } = capture();
    log.error({ err: new Error('broker unreachable') }, 'publish failed');
    expect(destination.records()[0]).toMatchObject({ err: { type: 'Error', message: 'broker unreachable' } });
  });

  it('leaves the logged object itself untouched', () => {
    const { log } = capture();
    const payload = { nested: { password: CANARY } };
    log.info(payload);
    expect(payload.nested.password).toBe(CANARY);
  });
});
