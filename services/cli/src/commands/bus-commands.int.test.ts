import { createKafkaBus, type DeliveredRecord, type EventBus } from '@trustwatch/bus';
import { createEvent, stableId } from '@trustwatch/schemas';
import { CliError } from '../errors.js';
import { integrationTargets, uniqueName } from '@trustwatch/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../cli.js';
import { QUIET_ENV, captureTerminal, silentLog } from '../test-support/capture.js';

describe('topics and dlq on Kafka', () => {
  const namespace = `${uniqueName('cli-bus')}.`;
  let environment: Record<string, string>;
  let bus: EventBus;

  beforeAll(() => {
    const { kafkaBrokers } = integrationTargets();
    environment = { KAFKA_BROKERS: kafkaBrokers.join(','), KAFKA_TOPIC_NAMESPACE: namespace };
    bus = createKafkaBus({
      brokers: kafkaBrokers,
      clientId: uniqueName('cli-bus'),
      namespace,
      logger: silentLog,
    });
  });
  afterAll(async () => {
    await bus.deleteTopics();
    await bus.close();
  });

  async function cli(argv: string[]) {
    const term = captureTerminal();
    const code = await runCli(argv, term, { ...QUIET_ENV, environment });
    return { code, out: term.stdout(), err: term.stderr() };
  }

  it('creates every catalog topic, and changes nothing when run again', async () => {
    const first = await cli(['topics', 'ensure', '--json']);
    expect(first.code).toBe(0);
    const names = first.out
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { name: string }).name);
    expect(names).toContain(`${namespace}trust.changed`);
    expect(names).toContain(`${namespace}trust.changed.dlq`);
    const again = await cli(['topics', 'ensure']);
    expect(again.code).toBe(0);
    expect(again.out).toContain(`under namespace "${namespace}"`);
    // The bus refuses no topic it created and auto-creation is off: a publish proves the topic exists.
    await expect(
      bus.publishRaw('alerts.dlq', [{ key: 'k', value: Buffer.from('x'), headers: {} }]),
    ).resolves.toBe(undefined);
  }, 60_000);

  it('lists a dead-lettered record with its reason and replays it to its source topic', async () => {
    await cli(['topics', 'ensure']);
    const supplierId = uniqueName('supplier');
    const event = createEvent({
      type: 'com.trustwatch.supplier.changed.v1',
      source: 'trustwatch://test/cli-dlq',
      id: stableId('test', supplierId),
      time: '2018-10-01T00:00:00Z',
      data: {
        vendorId: 'supermicro',
        vendorName: 'Super Micro Computer',
        supplierId,
        supplierName: 'Test Boards Ltd',
        componentCategory: 'motherboard',
        change: 'added',
        toCountry: 'TW',
        effectiveDate: '2018-10-01',
        source: { kind: 'direct', reference: 'integration test' },
      },
    });
    // A consumer that rejects the event as invalid input: the runner dead-letters it at once.
    const groupId = uniqueName('cli-dlq-consumer');
    const consumer = await bus.consume({
      groupId,
      topics: ['supplier.changed'],
      handle: () =>
        Promise.reject(new CliError('INPUT_INVALID', 'supplier unknown to the registry', 'fix the registry')),
    });
    await bus.publish('supplier.changed', [event]);
    await vi.waitFor(() => expect(bus.metrics().deadLettered).toBe(1), { timeout: 30_000, interval: 100 });
    await consumer.stop();

    const listed = await cli(['dlq', 'list', '--topic', 'supplier.changed', '--json']);
    expect(listed.code).toBe(0);
    const letters = listed.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({
      id: event.id,
      sourceTopic: 'supplier.changed',
      reason: 'INPUT_INVALID',
      attempts: 1,
      replayable: true,
    });
    expect(letters[0]?.['message']).toBe('supplier unknown to the registry');
    const text = await cli(['dlq', 'list', '--topic', 'supplier.changed.dlq']);
    expect(text.out).toContain(event.id);
    expect(text.out).toContain('supplier unknown to the registry');

    const replayed = await cli(['dlq', 'replay', '--topic', 'supplier.changed', '--id', event.id]);
    expect(replayed.code).toBe(0);
    expect(replayed.out).toContain(`replayed ${event.id} to supplier.changed`);
    const seen: DeliveredRecord[] = [];
    const reader = await bus.consumeRecords({
      groupId: uniqueName('cli-dlq-reader'),
      topics: ['supplier.changed'],
      handle: (record) => Promise.resolve(void seen.push(record)),
    });
    await vi.waitFor(() => expect(seen).toHaveLength(2), { timeout: 30_000, interval: 100 });
    await reader.stop();
    const [original, again] = seen;
    expect(again?.value?.toString()).toBe(original?.value?.toString());
    expect(again?.headers).toEqual(original?.headers);
  }, 90_000);

  it('refuses to replay an id that is not dead-lettered, replaying nothing', async () => {
    const { code, err } = await cli([
      'dlq',
      'replay',
      '--topic',
      'supplier.changed',
      '--id',
      'nope',
      '--wait',
      '500',
    ]);
    expect(code).toBe(1);
    expect(err).toContain('no dead-lettered record with id nope');
  }, 30_000);
});

describe('dlq on a namespace whose topics were never created', () => {
  it('fails with the hint to create the topics and leaves no connection to the broker open', async () => {
    const sockets = () => process.getActiveResourcesInfo().filter((kind) => kind === 'TCPSocketWrap').length;
    const before = sockets();
    const term = captureTerminal();
    const environment = {
      KAFKA_BROKERS: integrationTargets().kafkaBrokers.join(','),
      KAFKA_TOPIC_NAMESPACE: `${uniqueName('cli-missing')}.`,
    };
    const code = await runCli(['dlq', 'list'], term, { ...QUIET_ENV, environment });
    expect(code).toBe(1);
    expect(term.stderr()).toContain('trustwatch topics ensure');
    // Without this the finished command's process would stay alive on the consumer's sockets.
    await vi.waitFor(() => expect(sockets()).toBeLessThanOrEqual(before), { timeout: 5_000 });
  }, 60_000);
});
