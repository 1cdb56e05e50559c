import { describe, expect, it } from 'vitest';
import { parseHostPort } from './addresses.js';
import { probeKafka, probeRedis } from './probes.js';
import { integrationTargets } from './targets.js';

describe('integration targets', () => {
  it('points at a Kafka broker that answers a metadata request', async () => {
    const { kafkaBrokers } = integrationTargets();
    expect(kafkaBrokers.length).toBeGreaterThan(0);
    for (const broker of kafkaBrokers) expect(await probeKafka(parseHostPort(broker))).toEqual({ ok: true });
  });

  it('points at a Redis server that answers PING', async () => {
    expect(await probeRedis(integrationTargets().redisUrl)).toEqual({ ok: true });
  });
});
