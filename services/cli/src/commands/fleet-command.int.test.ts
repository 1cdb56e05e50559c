import { createKafkaBus, type DeliveredRecord, type EventBus } from '@trustwatch/bus';
import { openRedisTrustStore, type TrustStore } from '@trustwatch/store';
import { integrationTargets, publicDataPath, uniqueName } from '@trustwatch/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../cli.js';
import { QUIET_ENV, captureTerminal, silentLog } from '../test-support/capture.js';

const BOM = publicDataPath('cyclonedx', 'bom-examples', 'HBOM-PCIe-SATA-adapter-board.bom.json');

describe('fleet import on Redis and Kafka', () => {
  const namespace = `${uniqueName('cli-fleet')}.`;
  const prefix = uniqueName('twtest-cli-fleet');
  let environment: Record<string, string>;
  let bus: EventBus;
  let store: TrustStore;

  beforeAll(async () => {
    const { kafkaBrokers, redisUrl } = integrationTargets();
    environment = {
      KAFKA_BROKERS: kafkaBrokers.join(','),
      KAFKA_TOPIC_NAMESPACE: namespace,
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: prefix,
    };
    bus = createKafkaBus({
      brokers: kafkaBrokers,
      clientId: uniqueName('cli-fleet'),
      namespace,
      logger: silentLog,
    });
    await bus.ensureTopics(['fleet.changed']);
    store = await openRedisTrustStore({ url: redisUrl, prefix, checkDurability: false });
  });
  afterAll(async () => {
    await bus.deleteTopics();
    await bus.close();
    await store.close();
  });

  async function cli(argv: string[], stderrTty = false) {
    const term = captureTerminal({ stderrTty });
    const code = await runCli(argv, term, { ...QUIET_ENV, environment });
    return { code, out: term.stdout(), err: term.stderr() };
  }

  it('replaces the fleet from the real CycloneDX example and publishes fleet.changed for the engine', async () => {
    const customer = uniqueName('acme');
    const { code, out, err } = await cli(
      ['fleet', 'import', customer, BOM, '--version', '1000', '--json'],
      true,
    );
    expect(code).toBe(0);
    expect(err).toContain('importing the fleet of');
    const result = JSON.parse(out) as { added: string[]; published: string; vendorsAffected: string[] };
    expect(result.added).toHaveLength(6);
    expect(result.vendorsAffected).toEqual(['3M', 'Molex', 'Multicomp', 'Samtec', 'TE Connectivity']);
    expect((await store.getFleet(customer)).map((a) => a.id).sort()).toEqual([...result.added].sort());

    const seen: DeliveredRecord[] = [];
    const reader = await bus.consumeRecords({
      groupId: uniqueName('cli-fleet-reader'),
      topics: ['fleet.changed'],
      handle: (record) => Promise.resolve(void seen.push(record)),
    });
    await vi.waitFor(() => expect(seen).toHaveLength(1), { timeout: 30_000, interval: 100 });
    await reader.stop();
    expect(seen[0]?.key).toBe(customer);
    expect(seen[0]?.headers['ce_id']).toBe(result.published);
    expect(seen[0]?.headers['ce_type']).toBe('com.trustwatch.fleet.changed.v1');
  }, 60_000);

  it('refuses an import older than the stored fleet and leaves the fleet as it was', async () => {
    const customer = uniqueName('globex');
    expect((await cli(['fleet', 'import', customer, BOM, '--version', '2000', '--no-publish'])).code).toBe(0);
    const before = await store.getFleet(customer);
    const older = await cli(['fleet', 'import', customer, BOM, '--version', '1000', '--no-publish']);
    expect(older.code).toBe(1);
    expect(older.err).toContain(`the stored fleet of ${customer} is newer than version 1000`);
    expect(older.err).toContain('hint: pass a higher --version');
    expect(await store.getFleet(customer)).toEqual(before);
  });
});
