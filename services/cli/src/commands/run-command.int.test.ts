import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashApiKey } from '@trustwatch/api';
import { createKafkaBus } from '@trustwatch/bus';
import { createEvent, stableId } from '@trustwatch/schemas';
import { integrationTargets, uniqueName } from '@trustwatch/testing';
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../cli.js';
import { QUIET_ENV, captureTerminal, silentLog } from '../test-support/capture.js';

/** A port nothing listens on right now (the API's config refuses port 0). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}

// Receivers the shipped routing names; nothing is delivered in this test (no rule fires on one change).
const RECEIVERS = `version: 1
receivers:
  - { name: security-default, kind: slack, url: 'https://hooks.example.invalid/default' }
  - { name: security-pager, kind: slack, url: 'https://hooks.example.invalid/pager' }
`;

// The manufacturer's legal name: the API files it under the catalog id the supplier change names.
const FLEET_CSV = `asset_id,vendor,model,component_id,component_kind,version,hashes
srv-1,Super Micro Computer Inc.,X12,BMC,bmc,01.01.10,sha256:${'a'.repeat(64)}
`;

describe('trustwatch run on Kafka and Redis', () => {
  it('runs every service: the API answers, a supplier change reaches the feed, SIGTERM exits 0', async () => {
    const { kafkaBrokers, redisUrl } = integrationTargets();
    const run = uniqueName('cli-run');
    const dir = await mkdtemp(join(tmpdir(), 'trustwatch-run-'));
    const customer = uniqueName('acme');
    // The bootstrap admin key's id is all zeros (see the API's seedAdminKey); the secret is random.
    const adminKey = `twk_0000000000000000_${randomBytes(32).toString('base64url')}`;
    await writeFile(join(dir, 'receivers.yaml'), RECEIVERS);
    await mkdir(join(dir, 'supplier-inputs'));
    await writeFile(
      join(dir, 'customers.json'),
      JSON.stringify([{ id: customer, name: 'Acme', accountManagers: [] }]),
    );
    const port = await freePort();
    const namespace = `${run}.`;
    const environment = {
      KAFKA_BROKERS: kafkaBrokers.join(','),
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: uniqueName('twtest-cli-run'),
      KAFKA_TOPIC_NAMESPACE: namespace,
      TRUST_ENGINE_GROUP_ID: `${run}-engine`,
      ALERTER_GROUP_ID: `${run}-alerter`,
      INGEST_NEWS_GROUP_ID: `${run}-news`,
      INGEST_FIRMWARE_GROUP_ID: `${run}-firmware`,
      SUPPLIER_INPUTS: join(dir, 'supplier-inputs'),
      ALERT_RECEIVERS_FILE: join(dir, 'receivers.yaml'),
      ALERT_OUTBOX_NAME: run,
      CUSTOMERS_FILE: join(dir, 'customers.json'),
      API_HOST: '127.0.0.1',
      API_PORT: String(port),
      API_ADMIN_KEY_SHA256: hashApiKey(adminKey),
      SHUTDOWN_DEADLINE_MS: '20000',
      LOG_LEVEL: 'silent',
    };
    let signal: () => void = () => undefined;
    const signalled = new Promise<void>((resolve) => (signal = resolve));
    const term = captureTerminal();
    const exit = runCli(['run', 'all'], term, { ...QUIET_ENV, environment }, () => signalled);
    const bus = createKafkaBus({ brokers: kafkaBrokers, clientId: run, namespace, logger: silentLog });
    const base = `http://127.0.0.1:${String(port)}`;
    const headers = { 'x-api-key': adminKey };
    try {
      await vi.waitFor(() => expect(term.stdout()).toContain('Ctrl-C or SIGTERM stops'), { timeout: 60_000 });
      expect(term.stdout()).toContain(
        'running ingest-firmware, ingest-supplier, ingest-news, trust-engine, alerter, api',
      );
      expect(term.stdout()).toContain(`api listening on ${base}`);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);

      const imported = await fetch(`${base}/v1/customers/${customer}/fleet?version=1`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'text/csv' },
        body: FLEET_CSV,
      });
      expect(imported.status).toBe(200);
      const supplierId = uniqueName('supplier');
      const eventId = stableId('test', supplierId);
      // Today, not 2018: a factor that old has decayed below what moves a score.
      const now = new Date();
      await bus.publish('supplier.changed', [
        createEvent({
          type: 'com.trustwatch.supplier.changed.v1',
          source: 'trustwatch://test/cli-run',
          id: eventId,
          time: now.toISOString(),
          data: {
            vendorId: 'vendor:supermicro',
            vendorName: 'Super Micro Computer',
            supplierId,
            supplierName: 'Test Boards Ltd',
            componentCategory: 'motherboard',
            change: 'added' as const,
            toCountry: 'CN',
            effectiveDate: now.toISOString().slice(0, 10),
            source: { kind: 'direct' as const, reference: 'integration test' },
          },
        }),
      ]);
      await vi.waitFor(
        async () => {
          const feed = await fetch(`${base}/v1/customers/${customer}/feed`, { headers });
          const body = (await feed.json()) as { items: { change: { causeEventIds: string[] } }[] };
          expect(body.items.flatMap((i) => i.change.causeEventIds)).toContain(eventId);
        },
        { timeout: 60_000, interval: 250 },
      );
      signal();
      expect(await exit).toBe(0);
      expect(term.stderr()).toBe('');
    } finally {
      signal();
      await exit;
      await bus.deleteTopics();
      await bus.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 150_000);
});
