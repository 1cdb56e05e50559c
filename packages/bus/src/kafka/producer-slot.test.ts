import { KafkaJSNonRetriableError, KafkaJSProtocolError } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { isProducerDesynced, ProducerSlot } from './producer-slot.js';

/** A kafkajs protocol error as a produce response carries it. */
function protocolError(type: string, code: number): KafkaJSProtocolError {
  return Object.assign(new KafkaJSProtocolError(`broker said ${type}`), { type, code });
}

function fakeProducers(failConnects = 0) {
  const made: { id: number; connected: boolean; disconnected: boolean }[] = [];
  let connectFailures = failConnects;
  const create = () => {
    const producer = {
      id: made.length,
      connected: false,
      disconnected: false,
      connect() {
        if (connectFailures > 0) {
          connectFailures -= 1;
          return Promise.reject(new Error('broker away'));
        }
        producer.connected = true;
        return Promise.resolve();
      },
      disconnect() {
        producer.disconnected = true;
        return Promise.resolve();
      },
    };
    made.push(producer);
    return producer;
  };
  return { made, create };
}

describe('producer slot', () => {
  it('recognises a sequence refusal however kafkajs wraps it, and nothing else', () => {
    const outOfOrder = protocolError('OUT_OF_ORDER_SEQUENCE_NUMBER', 45);
    expect(isProducerDesynced(outOfOrder)).toBe(true);
    // kafkajs gives up on a send with the refusal as the cause of its retries-exceeded error.
    const gaveUp = Object.assign(new KafkaJSNonRetriableError(outOfOrder), { cause: outOfOrder });
    expect(isProducerDesynced(gaveUp)).toBe(true);
    expect(isProducerDesynced(new Error('publish failed', { cause: outOfOrder }))).toBe(true);
    expect(isProducerDesynced(protocolError('UNKNOWN_PRODUCER_ID', 59))).toBe(true);
    expect(isProducerDesynced(protocolError('INVALID_PRODUCER_EPOCH', 47))).toBe(true);
    expect(isProducerDesynced(protocolError('NOT_LEADER_FOR_PARTITION', 6))).toBe(false);
    expect(isProducerDesynced(protocolError('MESSAGE_TOO_LARGE', 10))).toBe(false);
    expect(isProducerDesynced(new Error('connection closed'))).toBe(false);
    expect(isProducerDesynced(undefined)).toBe(false);
  });

  it('shares one connected producer between sends and keeps it through ordinary failures', async () => {
    const { made, create } = fakeProducers();
    const slot = new ProducerSlot(create);
    const [a, b] = await Promise.all([slot.get(), slot.get()]);
    expect(a).toBe(b);
    slot.failed(a, protocolError('NOT_LEADER_FOR_PARTITION', 6));
    expect(await slot.get()).toBe(a);
    expect(made).toHaveLength(1);
  });

  it('replaces a producer the broker refuses for its sequence numbers, once, and disconnects it', async () => {
    const { made, create } = fakeProducers();
    const replaced: unknown[] = [];
    const slot = new ProducerSlot(create, (error) => replaced.push(error));
    const broken = await slot.get();
    const refusal = protocolError('OUT_OF_ORDER_SEQUENCE_NUMBER', 45);
    // Two sends in flight on the broken producer both fail: one replacement, not two.
    slot.failed(broken, refusal);
    const fresh = await slot.get();
    slot.failed(broken, refusal);
    expect(fresh).not.toBe(broken);
    expect(await slot.get()).toBe(fresh);
    expect(made.map((p) => [p.connected, p.disconnected])).toEqual([
      [true, true],
      [true, false],
    ]);
    expect(replaced).toEqual([refusal]);
  });

  it('forgets a failed connect so the next send tries again, and closes what it made', async () => {
    const { made, create } = fakeProducers(1);
    const slot = new ProducerSlot(create);
    await expect(slot.get()).rejects.toThrow('broker away');
    const producer = await slot.get();
    expect(producer.connected).toBe(true);
    await slot.close();
    expect(made.map((p) => p.disconnected)).toEqual([false, true]);
  });
});
