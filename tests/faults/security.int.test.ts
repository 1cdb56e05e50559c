import { randomBytes } from 'node:crypto';
import type { DeliveredRecord } from '@trustwatch/bus';
import { createEvent, decodeEvent, type CloudEvent } from '@trustwatch/schemas';
import { integrationTargets, uniqueName } from '@trustwatch/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { SEED, SIZES_IN_USE as SIZE } from './config.js';
import { npmAudit } from './harness/audit.js';
import { generateEventSet } from './harness/event-set.js';
import { KafkaRun } from './harness/kafka-run.js';
import { healthyRecord } from './harness/poison.js';
import { PrivateRedis } from './harness/private-redis.js';
import { recordResult } from './harness/results.js';
import { silentLog } from './harness/silent-log.js';
import { sleep, waitFor } from './harness/wait.js';

const canary = (kind: string) => `canary-${kind}-${randomBytes(6).toString('hex')}`;
const CANARIES = {
  redisPassword: canary('redis-password'),
  webhookSecret: canary('webhook-secret'),
  accessToken: canary('access-token'),
  apiKey: canary('api-key'),
  payloadPassword: canary('payload-password'),
};

/** The set's first news and supplier events again, their source URLs carrying credentials. */
function withSecretUrls(events: readonly CloudEvent[]): CloudEvent[] {
  const out: CloudEvent[] = [];
  for (const raw of events) {
    const event = decodeEvent(raw);
    if (event.type === 'com.trustwatch.news.classified.v1' && !out.some((e) => e.type === event.type)) {
      const url = `https://news.example/${event.data.storyId}-secret?access_token=${CANARIES.accessToken}`;
      const data = { ...event.data, storyId: `${event.data.storyId}-secret`, canonicalUrl: url, urls: [url] };
      out.push(
        createEvent({
          type: event.type,
          source: event.source,
          id: `${event.id}-secret`,
          time: event.time,
          data,
        }),
      );
    }
    if (event.type === 'com.trustwatch.supplier.changed.v1' && !out.some((e) => e.type === event.type)) {
      const uri = `https://suppliers.example/notice?api_key=${CANARIES.apiKey}`;
      const data = { ...event.data, effectiveDate: '2032-01-01', source: { kind: 'direct' as const, uri } };
      out.push(
        createEvent({
          type: event.type,
          source: event.source,
          id: `${event.id}-secret`,
          time: '2032-01-01T00:00:00Z',
          data,
        }),
      );
    }
  }
  return out;
}

/** Which canaries occur in a text. */
function leaks(text: string): string[] {
  return Object.entries(CANARIES)
    .filter(([, value]) => text.includes(value))
    .map(([name]) => name);
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

describe('fault 9: secrets in config and inputs', () => {
  it(
    'keeps planted secrets out of logs, derived Kafka records and Redis, and the audit finds nothing high',
    async () => {
      const startedAt = Date.now();
      const set = generateEventSet(SEED + 9, 300, 6);
      const redis = await PrivateRedis.start(CANARIES.redisPassword);
      cleanups.push(() => redis.stop());
      const run = await KafkaRun.open(
        set,
        { kafkaBrokers: integrationTargets().kafkaBrokers, redisUrl: redis.url },
        silentLog,
        'secrets',
        {
          engineEnv: {
            WEBHOOK_SECRET: CANARIES.webhookSecret,
            ALERT_WEBHOOK_URL: `https://hooks.example/x?token=${CANARIES.webhookSecret}`,
          },
        },
      );
      cleanups.push(() => run.dispose());
      await run.fleet.start();
      const secretEvents = withSecretUrls(set.events.map((e) => e.event));
      await run.publishAll();
      await run.bus.publish(
        'news.classified',
        secretEvents.filter((e) => e.type === 'com.trustwatch.news.classified.v1'),
      );
      await run.bus.publish(
        'supplier.changed',
        secretEvents.filter((e) => e.type === 'com.trustwatch.supplier.changed.v1'),
      );
      // A record a broken producer wrote: not JSON, with a password in it. It must be dead-lettered
      // without the password reaching a log line or a dead-letter header.
      const healthy = healthyRecord(set.events[0]!.event);
      const broken = {
        ...healthy,
        value: Buffer.from(`{"password":"${CANARIES.payloadPassword}",`),
        headers: { ...healthy.headers, ce_id: 'broken-secret' },
      };
      await run.bus.publishRaw('firmware.changed', [broken]);
      const total = set.events.length + secretEvents.length + 1;
      await waitFor(
        async () => (await run.committed()) >= total,
        SIZE.timeoutMs,
        'every record committed',
        200,
      );

      const records: DeliveredRecord[] = [];
      const reader = await run.bus.consumeRecords({
        groupId: uniqueName('leak-reader'),
        topics: ['trust.changed', 'firmware.changed.dlq'],
        handle: (record) => {
          records.push(record);
          return Promise.resolve();
        },
      });
      // The reader joins its group first; then it has read everything once nothing new came for 2 s.
      await waitFor(() => Promise.resolve(records.length > 0), 60_000, 'the first derived record');
      let seen = -1;
      while (seen !== records.length) {
        seen = records.length;
        await sleep(2_000);
      }
      await reader.stop();
      await run.fleet.stopAll();
      await run.closeStore();

      const logLeaks = leaks(run.fleet.lines.join('\n'));
      const kafkaText = records
        .map(
          (r) =>
            `${r.key ?? ''} ${JSON.stringify(r.headers)} ${r.topic === 'trust.changed' ? (r.value?.toString('utf8') ?? '') : ''}`,
        )
        .join('\n');
      const kafkaLeaks = leaks(kafkaText);
      const redisLeaks = leaks((await redis.appendOnlyBytes()).toString('latin1'));
      const audit = await npmAudit();
      const auditFigure = audit.measured
        ? `${String(audit.high)} high, ${String(audit.critical)} critical`
        : `not measured: ${audit.reason}`;
      const auditClean = !audit.measured || audit.high + audit.critical === 0;
      const passed =
        logLeaks.length === 0 && kafkaLeaks.length === 0 && redisLeaks.length === 0 && auditClean;
      recordResult(
        {
          fault: '9-secrets',
          title: 'Secret canaries in config and inputs; npm audit',
          criterion:
            'no canary in engine logs (debug), trust.changed records, dead-letter headers or Redis writes; audit clean at high',
          passed,
          figures: {
            canaries: Object.keys(CANARIES).length,
            'log lines scanned': run.fleet.lines.length,
            'Kafka records scanned': records.length,
            'Redis AOF bytes scanned': (await redis.appendOnlyBytes()).length,
            'canaries in logs': logLeaks.join(', ') || 'none',
            'canaries in Kafka records': kafkaLeaks.join(', ') || 'none',
            'canaries in Redis': redisLeaks.join(', ') || 'none',
            'npm audit --audit-level=high': auditFigure,
          },
        },
        startedAt,
      );
      expect(records.length).toBeGreaterThan(0);
      expect({ logLeaks, kafkaLeaks, redisLeaks }).toEqual({ logLeaks: [], kafkaLeaks: [], redisLeaks: [] });
      expect(auditClean).toBe(true);
    },
    SIZE.timeoutMs,
  );
});
