import { createMemoryBus, type EventBus } from '@trustwatch/bus';
import { createLogger } from '@trustwatch/logging';
import type { TrustwatchEvent } from '@trustwatch/schemas';
import { afterEach, describe, expect, it } from 'vitest';
import { buildWorld, NOW, type World } from '../test-support/world.js';

const CSV_HEADER = 'asset_id,vendor,model,component_id,component_kind,version,hashes\n';
const silent = createLogger({ service: 'api-test', level: 'silent' });

let world: World | undefined;
let bus: EventBus | undefined;
afterEach(async () => {
  await world?.app.close();
  await bus?.close();
});

/** A world whose fleet events go to a memory bus, and everything read back from its fleet.changed topic. */
async function setup() {
  bus = createMemoryBus({ logger: silent });
  await bus.ensureTopics(['fleet.changed']);
  const target = bus;
  world = await buildWorld({ fleetEvents: { publish: (event) => target.publish('fleet.changed', [event]) } });
  const seen: TrustwatchEvent[] = [];
  await bus.consume({
    groupId: 'fleet-route-test',
    topics: ['fleet.changed'],
    handle: (event) => {
      seen.push(event);
      return Promise.resolve({ status: 'done' });
    },
  });
  const post = (body: string, version: number) =>
    (world as World).app.inject({
      method: 'POST',
      url: `/v1/customers/globex/fleet?version=${String(version)}`,
      headers: { 'x-api-key': (world as World).keys.admin, 'content-type': 'text/csv' },
      payload: body,
    });
  const until = async (count: number) => {
    await expect.poll(() => seen.length).toBeGreaterThanOrEqual(count);
    return seen;
  };
  return { post, until, seen };
}

describe('fleet import events', () => {
  it('publishes fleet.changed keyed by the customer after an import, with what changed', async () => {
    const { post, until } = await setup();
    const res = await post(`${CSV_HEADER}srv-1,Supermicro,X12,BMC,bmc,01.01.10,\n`, NOW + 10);
    expect(res.statusCode).toBe(200);
    const [event] = await until(1);
    expect(event?.type).toBe('com.trustwatch.fleet.changed.v1');
    expect(event?.partitionkey).toBe('globex');
    expect(event?.data).toMatchObject({
      customerId: 'globex',
      fleetVersion: NOW + 10,
      format: 'csv',
      added: 1,
      removed: 2,
      // The CSV's manufacturer is filed under its catalog id, as news and advisories name it.
      vendorsAffected: ['dell', 'vendor:supermicro'],
    });
    const listed = await (world as World).app.inject({
      method: 'GET',
      url: '/v1/customers/globex/fleet/assets',
      headers: { 'x-api-key': (world as World).keys.admin },
    });
    expect(listed.json<{ items: { vendor: string }[] }>().items.map((a) => a.vendor)).toEqual([
      'vendor:supermicro',
    ]);
  });

  it('publishes nothing for an import refused as older than the stored fleet', async () => {
    const { post, until, seen } = await setup();
    await post(`${CSV_HEADER}srv-1,Supermicro,X12,BMC,bmc,01.01.10,\n`, NOW + 10);
    await until(1);
    const stale = await post(`${CSV_HEADER}srv-2,Supermicro,X12,BMC,bmc,01.01.10,\n`, NOW + 5);
    expect(stale.json<{ applied: boolean }>().applied).toBe(false);
    const fresh = await post(`${CSV_HEADER}srv-3,Supermicro,X12,BMC,bmc,01.01.10,\n`, NOW + 20);
    expect(fresh.statusCode).toBe(200);
    await until(2);
    expect(seen.map((e) => (e.data as { fleetVersion: number }).fleetVersion)).toEqual([NOW + 10, NOW + 20]);
  });

  it('still imports when no fleet event publisher is configured', async () => {
    world = await buildWorld();
    const res = await world.app.inject({
      method: 'POST',
      url: `/v1/customers/globex/fleet?version=${String(NOW + 10)}`,
      headers: { 'x-api-key': world.keys.admin, 'content-type': 'text/csv' },
      payload: `${CSV_HEADER}srv-1,Supermicro,X12,BMC,bmc,01.01.10,\n`,
    });
    expect(res.json<{ applied: boolean }>().applied).toBe(true);
  });
});
