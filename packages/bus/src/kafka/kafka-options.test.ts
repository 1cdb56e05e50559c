import { describe, expect, it } from 'vitest';
import { DEFAULT_CONSUMER_TUNING, consumerTuning, type KafkaBusOptions } from './kafka-options.js';

describe('consumerTuning', () => {
  it('defaults to a 10 s session so a crashed member stalls its partitions for about 10 s, not 30 s', () => {
    expect(consumerTuning()).toMatchObject({ sessionTimeoutMs: 10_000, heartbeatIntervalMs: 3_000 });
    expect(consumerTuning().heartbeatIntervalMs * 3).toBeLessThanOrEqual(consumerTuning().sessionTimeoutMs);
  });

  it('takes the group timings that the config package puts into the connection options', () => {
    // The shape `kafkaConnection(config.kafka)` returns, spread into createKafkaBus by every service.
    const connection: Pick<KafkaBusOptions, 'consumer'> = {
      consumer: { sessionTimeoutMs: 45_000, heartbeatIntervalMs: 15_000 },
    };
    expect(consumerTuning(connection.consumer)).toEqual({
      ...DEFAULT_CONSUMER_TUNING,
      sessionTimeoutMs: 45_000,
      heartbeatIntervalMs: 15_000,
    });
  });

  it('keeps the default heartbeat within a third of a shortened session', () => {
    expect(consumerTuning({ sessionTimeoutMs: 6_000 }).heartbeatIntervalMs).toBe(2_000);
    expect(consumerTuning({ sessionTimeoutMs: 6_000, heartbeatIntervalMs: 300 }).heartbeatIntervalMs).toBe(
      300,
    );
  });
});
