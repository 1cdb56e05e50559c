// A consumer process for the crash test: runs the real Kafka adapter (TypeScript source loaded through
// Vite's module runner, as vitest does), records each processed offset synchronously to a file, and on a
// chosen offset records it and then hangs, so the parent can SIGKILL it mid-batch at a known point.
//
// Usage: node crash-consumer.mjs <brokers> <namespace> <groupId> <outFile> <hangAtOffset>
import { appendFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { runnerImport } from 'vite';

const [brokers, namespace, groupId, outFile, hangAt] = process.argv.slice(2);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const { module: bus } = await runnerImport(join(root, 'packages', 'bus', 'src', 'index.ts'), {
  configFile: false,
  logLevel: 'silent',
  resolve: { alias: { '@trustwatch/schemas': join(root, 'packages', 'schemas', 'src', 'index.ts') } },
});

const eventBus = bus.createKafkaBus({
  brokers: brokers.split(','),
  clientId: 'crash-consumer',
  namespace,
  logger: pino({ level: 'silent' }),
  // Commit every 10 resolved offsets and never on a timer, so the uncommitted tail is predictable; the
  // broker's shortest session lets the group notice the killed member within seconds.
  consumer: {
    autoCommitThreshold: 10,
    autoCommitIntervalMs: 600_000,
    sessionTimeoutMs: 6_000,
    rebalanceTimeoutMs: 6_000,
    heartbeatIntervalMs: 500,
  },
});
await eventBus.consume({
  groupId,
  topics: ['trust.changed'],
  handle: async (_event, context) => {
    appendFileSync(outFile, `${context.partition}:${context.offset}\n`);
    if (context.offset === hangAt) await new Promise(() => {});
    return { status: 'done' };
  },
});
