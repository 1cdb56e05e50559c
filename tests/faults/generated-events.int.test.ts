import type { ChildProcess } from 'node:child_process';
import type { EventBus, EventTopic } from '@trustwatch/bus';
import { integrationTargets, uniqueName } from '@trustwatch/testing';
import { ENGINE_TOPICS } from '@trustwatch/trust-engine';
import { afterAll, describe, expect, it } from 'vitest';
import { SEED, SIZES_IN_USE as SIZE } from './config.js';
import { AlerterProcesses } from './harness/alerter-process.js';
import { readDeadLetters } from './harness/dead-letters.js';
import { generateEventSet } from './harness/event-set.js';
import { generateRecords, type GeneratedRecord } from './harness/generated-events.js';
import { judgeGenerated, type GeneratedOutcome } from './harness/generated-outcome.js';
import { KafkaRun } from './harness/kafka-run.js';
import { committedTotal } from './harness/oracle.js';
import { FaultyReceiver } from './harness/receivers.js';
import { recordResult, type Figure } from './harness/results.js';
import { silentLog } from './harness/silent-log.js';
import { waitFor } from './harness/wait.js';
import { openScratchBus } from './harness/scratch-bus.js';

// The CI form's 2,400 records catch up in 20-45 s on two loaded cores (about 10-20 ms a record); five
// times that is the bound past which a run counts as hung.
const CATCH_UP_MS_PER_RECORD = 50;
const MIN_CATCH_UP_MS = 60_000;
// pino's numeric levels: error and fatal.
const ERROR_LEVEL = /"level":(50|60)/;
const TOUCHED_CUSTOMERS = /"customers":[1-9]/;
// The portfolio of the hostile-input fault: generated ids mostly name its customers and vendors.
const portfolio = generateEventSet(SEED + 8, 0, 6).portfolio;

/** One service fed generated records: what became of them, and how the process fared. */
interface Leg {
  readonly outcome: GeneratedOutcome;
  readonly lag: number;
  readonly catchUpMs: number;
  /** The most the catch-up may take before the run counts as hung. */
  readonly budgetMs: number;
  readonly alive: boolean;
  readonly errorLines: number;
  readonly extra: Readonly<Record<string, Figure>>;
}
const legs = new Map<string, Leg>();
const startedAt = Date.now();
const cleanups: (() => Promise<void>)[] = [];

const legPassed = ({ outcome: o, lag, alive }: Leg) =>
  o.surprises.length === 0 &&
  o.validRefusedInProcess === 0 &&
  o.nearMissesAcceptedInProcess === 0 &&
  o.validDeadLettered === 0 &&
  o.lettersWithExpectedReason === o.nearMisses &&
  o.strayLetters === 0 &&
  lag === 0 &&
  alive;

function legFigures(service: string, leg: Leg): [string, Figure][] {
  const o = leg.outcome;
  const reasons = [...o.reasonsByKind].map(([kind, r]): [string, Figure] => [kind, [...r].join(', ')]);
  return [
    ['valid events / near-misses generated', `${String(o.valid)} / ${String(o.nearMisses)}`],
    [
      'generator faults (valid refused / near-miss accepted in-process)',
      `${String(o.validRefusedInProcess)} / ${String(o.nearMissesAcceptedInProcess)}`,
    ],
    ['valid events dead-lettered', o.validDeadLettered],
    ['near-misses dead-lettered', o.nearMissesDeadLettered],
    ['dead letters with the expected reason and a message', o.lettersWithExpectedReason],
    ...reasons.map(([kind, r]): [string, Figure] => [`reason for ${kind}`, r]),
    ...Object.entries(leg.extra),
    ['lag after catch-up (records)', leg.lag],
    ['publish end to lag 0 (ms)', leg.catchUpMs],
    ['catch-up budget (ms)', leg.budgetMs],
    ['process survived', leg.alive],
    ['log lines at error or fatal', leg.errorLines],
  ].map(([name, value]): [string, Figure] => [`${service}: ${name}`, value]);
}

afterAll(async () => {
  if (legs.size > 0) {
    recordResult(
      {
        fault: '8-generated-events',
        title:
          'Hostile input: events generated from the zod schemas, through Kafka into the engine and the alerter',
        criterion:
          'every valid event handled (none dead-lettered), every near-miss dead-lettered with the decoders’ reason, processes alive, lag back to 0',
        passed: legs.size === 2 && [...legs.values()].every(legPassed),
        figures: {
          'generated per event type (valid, and near-misses)': SIZE.propertyRuns,
          ...Object.fromEntries([...legs].flatMap(([service, leg]) => legFigures(service, leg))),
        },
        notes: [...legs].flatMap(([service, leg]) => leg.outcome.surprises.map((s) => `${service}: ${s}`)),
      },
      startedAt,
    );
  }
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

/** Publishes the records, waits until `groupId` committed all of them, then reads the dead letters. */
async function feed(
  bus: EventBus,
  groupId: string,
  topics: readonly EventTopic[],
  records: readonly GeneratedRecord[],
): Promise<Pick<Leg, 'outcome' | 'lag' | 'catchUpMs' | 'budgetMs'>> {
  for (const topic of topics) {
    const batch = records.filter((r) => r.topic === topic).map((r) => r.record);
    for (let i = 0; i < batch.length; i += 100) await bus.publishRaw(topic, batch.slice(i, i + 100));
  }
  const publishedAt = Date.now();
  const committed = () => committedTotal(bus, groupId, topics);
  // No hang: the catch-up has a budget of its own, so a stall ends as a failed figure (the lag left),
  // not as a test timeout without one.
  const budgetMs = Math.max(MIN_CATCH_UP_MS, records.length * CATCH_UP_MS_PER_RECORD);
  const caughtUp = await waitFor(
    async () => (await committed()) >= records.length,
    budgetMs,
    'lag 0',
    100,
  ).then(
    () => true,
    () => false,
  );
  const catchUpMs = Date.now() - publishedAt;
  const lag = records.length - (await committed());
  const refused = caughtUp ? records.filter((r) => r.verdict !== 'accepted').length : 0;
  const outcome = judgeGenerated(records, await readDeadLetters(bus, topics, refused));
  return { outcome, lag, catchUpMs, budgetMs };
}

const alive = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;
const errors = (lines: readonly string[]) => lines.filter((line) => ERROR_LEVEL.test(line)).length;

function expectHandled(leg: Leg): void {
  expect(leg.outcome.surprises).toEqual([]);
  expect(leg.outcome.validDeadLettered).toBe(0);
  expect(leg.outcome.lettersWithExpectedReason).toBe(leg.outcome.nearMisses);
  expect(leg.outcome.strayLetters).toBe(0);
  expect(leg.lag).toBe(0);
  expect(leg.alive).toBe(true);
}

describe('fault 8: events generated from the zod schemas, through Kafka into the services', () => {
  it(
    'the engine handles every valid generated input and dead-letters every near-miss with the decoders’ reason',
    async () => {
      const records = generateRecords(portfolio, SIZE.propertyRuns, SEED);
      const run = await KafkaRun.open(
        { portfolio, events: [] },
        integrationTargets(),
        silentLog,
        'generated',
      );
      cleanups.push(() => run.dispose());
      const engine = await run.fleet.start();
      const fed = await feed(run.bus, run.groupId, ENGINE_TOPICS, records);
      const applied = run.fleet.lines.filter(
        (line) => line.includes('"trust event applied"') && TOUCHED_CUSTOMERS.test(line),
      ).length;
      const leg: Leg = {
        ...fed,
        alive: alive(engine),
        errorLines: errors(run.fleet.lines),
        extra: { 'valid events applied to at least one customer': applied },
      };
      legs.set('engine', leg);
      expectHandled(leg);
    },
    SIZE.timeoutMs,
  );

  it(
    'the alerter handles every valid generated trust change and dead-letters every near-miss with the decoders’ reason',
    async () => {
      const records = generateRecords(portfolio, SIZE.propertyRuns, SEED + 1, ['trust.changed']);
      const hook = await FaultyReceiver.start('hook', (_n, res) => {
        res.writeHead(200).end();
        return 200;
      });
      cleanups.push(() => hook.close());
      const { kafkaBrokers, redisUrl } = integrationTargets();
      const { bus, namespace } = await openScratchBus(
        'faults-generated',
        ['trust.changed'],
        silentLog,
        cleanups,
      );
      const groupId = uniqueName('alerter');
      const processes = new AlerterProcesses({
        brokers: kafkaBrokers,
        redisUrl,
        namespace,
        keyPrefix: uniqueName('twfaults-generated'),
        groupId,
        receivers: [{ name: hook.name, url: hook.url }],
        tickMs: 200,
      });
      const alerter = await processes.start();
      cleanups.push(async () => {
        await processes.stop(alerter);
        processes.dispose();
      });
      const fed = await feed(bus, groupId, ['trust.changed'], records);
      const leg: Leg = {
        ...fed,
        alive: alive(alerter),
        errorLines: errors(processes.lines),
        extra: { 'notifications received by catch-up': hook.deliveries.length },
      };
      legs.set('alerter', leg);
      expectHandled(leg);
    },
    SIZE.timeoutMs,
  );
});
