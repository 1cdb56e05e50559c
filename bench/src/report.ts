import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import type { AlertPhase } from './alert-phase.js';
import type { Environment } from './environment.js';
import type { GateResult } from './gate.js';
import { forkNote, trips, type Phases, type TargetResult } from './targets.js';
import type { VendorFigures } from './vendor-tools.js';
import type { Series } from './stats.js';
import type { ThroughputPhase } from './throughput-phase.js';
import { DEFAULT_CONCURRENT_PARTITIONS } from '@trustwatch/trust-engine';

/** Everything one run wrote to bench/results/<timestamp>.json. */
export interface BenchResult {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly environment: Environment;
  readonly gate: GateResult;
  readonly phases: Phases;
  readonly vendor?: VendorFigures;
  readonly targets: readonly TargetResult[];
  readonly notes: readonly string[];
}

const n0 = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '-');
const range = (s: Series) => `${n0(s.median)} (${n0(s.min)}-${n0(s.max)}, CV ${(s.cv * 100).toFixed(0)} %)`;

function cfgMs(result: BenchResult, key: string): number {
  const value = result.config[key];
  return typeof value === 'number' ? value : Number.NaN;
}

function partitionsOf(result: BenchResult): string {
  const value = result.config['concurrentPartitions'];
  return typeof value === 'number'
    ? String(value)
    : `the engine's default ${String(DEFAULT_CONCURRENT_PARTITIONS)}`;
}

function batchLine(t: ThroughputPhase): string {
  const b = t.fullEngineBatches;
  if (!Number.isFinite(b.roundTripsPerBatch)) {
    return 'Batches: the engine took every event one at a time (no batch path), so Kafka batches are not visible to the bench; round trips are per event only.';
  }
  return `Batches (runs of one partition's fetched events handed to the engine's batch path, counted by partition and first offset): ${b.eventsPerBatch.toFixed(1)} events and ${b.roundTripsPerBatch.toFixed(2)} Redis round trips per batch; ${n0(b.eventsOneAtATime)} events handled one at a time (batch fallbacks).`;
}

function alertLines(a: AlertPhase): string[] {
  return [
    `## Trust change to alert request at ${n0(a.perSecond)} changes/s (open loop, from intended send time)`,
    '',
    `The real alerter (\`startAlerterService\`: Kafka, Redis store and outbox, the shipped rules) with one signed webhook route to a local receiver. Route: ${a.routing}; receiver token bucket ${n0(a.receiverRatePerSec)}/s. The shipped routing's 5 s group_wait is a deliberate wait for people and would be all this measures (group_interval stays the shipped 2 min: with one change per customer it only sets how often a firing group is looked at again); the receiver's default 20/s bucket would queue this load. Each change crosses the critical threshold for a customer of its own (a page under the shipped rules). Groups are flushed at the instant they come due; the tick is only the sweep for what no change woke: the first row is the shipped tick (judged), the others show whether the sweep's cadence matters.`,
    '',
    '| tick ms | changes sent | alerts arrived | duplicates | at production end: applied / notified / delivered | p50 ms | p99 ms | max ms |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...a.runs.map((r) => {
      const end = r.atProductionEnd;
      return `| ${String(r.tickMs)} | ${String(r.sent)} | ${String(r.arrived)} | ${String(r.duplicates)} | ${String(end.applied)} / ${String(end.notified)} / ${String(end.delivered)} | ${r.latency.p50Ms.toFixed(1)} | ${r.latency.p99Ms.toFixed(1)} | ${r.latency.maxMs.toFixed(1)} |`;
    }),
    '',
    'Applied: changes the alerter consumed and committed; notified: groups flushed to the outbox; delivered: webhook requests answered 2xx. A backlog between applied and notified sits in the flush; between notified and delivered, in delivery.',
  ];
}

/** The human summary: gate, targets, throughput, fan-out, latency, memory, environment. */
export function renderMarkdown(result: BenchResult): string {
  const { gate, phases, environment: env } = result;
  const lines = [
    `# Trustwatch benchmark, ${result.startedAt}`,
    '',
    `Commit \`${env.commit.slice(0, 12)}\`${env.dirty ? ' (uncommitted changes)' : ''}, Node ${env.node}, ${env.cpus} x ${env.cpuModel}, load ${env.loadAverage.join(' ')}; kafkajs ${env.versions['kafkajs'] ?? '?'}, ioredis ${env.versions['ioredis'] ?? '?'}, Redis ${env.versions['redisServer'] ?? '?'}, Kafka ${env.versions['kafkaBroker'] ?? '?'}.`,
    '',
    `Reproduce: \`npm run bench\` (this run: soak ${String(cfgMs(result, 'soakMs') / 1_000)} s, consumer stop ${String(cfgMs(result, 'stopMs') / 1_000)} s, ${partitionsOf(result)} partitions at once); the issue's 10-minute soak and 60 s stop: \`BENCH_SOAK_MS=600000 BENCH_STOP_MS=60000 npm run bench\` (bench/README.md lists every knob).`,
    '',
    `**Correctness gate: ${gate.passed ? 'passed' : 'FAILED'}**: ${gate.handled}/${gate.expected} events handled, ${gate.deadLettered} dead-lettered, ${gate.customersCompared} customers compared with the in-memory oracle, ${gate.mismatchCount} differ.`,
    '',
    '| Target | Goal | Measured | Verdict |',
    '| --- | --- | --- | --- |',
    ...result.targets.map(
      (t) => `| ${t.id} | ${t.target} | ${t.measured} | ${t.status}${t.note ? `: ${t.note}` : ''} |`,
    ),
  ];
  const t = phases.throughput;
  if (t !== undefined) {
    lines.push(
      '',
      `## Throughput, ${t.events} 1:1 events (events/s: median (range, CV))`,
      '',
      '| Series | events/s | Redis round trips/event |',
      '| --- | --- | --- |',
    );
    for (const [name, s] of Object.entries(t.rates)) {
      const rt = (t.roundTripsPerEvent as Record<string, number>)[name];
      lines.push(
        `| ${name}${t.repeated.includes(name as never) ? ' (re-run: CV > 10 %)' : ''} | ${range(s)} | ${rt === undefined ? '-' : rt.toFixed(3)} |`,
      );
    }
    const ms = t.fullEngineMs;
    lines.push(
      '',
      `Full engine, per event: ${ms.wall.toFixed(2)} ms wall; ${ms.handler.toFixed(2)} ms in the handler (${ms.publish.toFixed(2)} ms publishing trust.changed, the rest Redis round trips and scoring), summed over the partitions handled at once, so it may exceed the wall time.`,
      '',
      batchLine(t),
    );
  }
  const f = phases.fanOut;
  if (f !== undefined) {
    lines.push(
      '',
      '## Fan-out (one news item to N customers)',
      '',
      '| N | round trips (budget) | engine updates/s | R_fan updates/s | apply ms (median, max) |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const r of f.rows) {
      lines.push(
        `| ${r.customers} | ${trips(r.roundTrips)} (${r.roundTripBudget}) | ${range(r.updatesPerSecond)} | ${range(r.referenceUpdatesPerSecond)} | ${n0(r.applyMs.median)}, ${n0(r.applyMs.max)} |`,
      );
    }
    lines.push(
      '',
      `SLOWLOG > 5 ms during the engine's pass: ${f.slowlog.ours} of this run, ${f.slowlog.entries} server-wide; slowest: ${f.slowlog.slowest.map((e) => `${(e.micros / 1000).toFixed(1)} ms \`${e.command.split(' ')[0] ?? ''}\``).join(', ') || 'none'}${f.slowlog.forks === 0 ? '' : `; ${forkNote(f.slowlog)}`}.`,
    );
  }
  const l = phases.latency;
  if (l !== undefined) {
    lines.push(
      '',
      `## Latency at ${n0(l.perSecond)} events/s (open loop, from intended send time)`,
      '',
      '| Path | events | p50 ms | p99 ms | max ms |',
      '| --- | --- | --- | --- | --- |',
    );
    lines.push(
      `| engine (event to state) | ${l.pipeline.count} | ${l.pipeline.p50Ms.toFixed(1)} | ${l.pipeline.p99Ms.toFixed(1)} | ${l.pipeline.maxMs.toFixed(1)} |`,
    );
    lines.push(
      `| R_bare | ${l.bare.count} | ${l.bare.p50Ms.toFixed(1)} | ${l.bare.p99Ms.toFixed(1)} | ${l.bare.maxMs.toFixed(1)} |`,
    );
    if (l.unhandled > 0)
      lines.push(
        '',
        `The engine fell behind: ${String(l.unhandled)} events were still unhandled two minutes after production ended; they are counted above as waiting until then (a lower bound of their latency).`,
      );
    lines.push(
      '',
      `Soak ${l.soak.seconds.toFixed(0)} s: RSS ${l.soak.rssStartMb.toFixed(0)} MB at the start, ${l.soak.rssWarmMb.toFixed(0)} MB after the ${l.soak.warmUpSeconds.toFixed(0)} s warm-up, ${l.soak.rssEndMb.toFixed(0)} MB at the end (max ${l.soak.rssMaxMb.toFixed(0)}; slope after warm-up ${l.soak.rssSlopeMbPerMin.toFixed(2)} MB/min), event-loop delay p99 ${l.soak.eventLoopDelayP99Ms.toFixed(1)} ms.`,
    );
  }
  if (phases.alert !== undefined) lines.push('', ...alertLines(phases.alert));
  const b = phases.backlog;
  if (b !== undefined) {
    lines.push(
      '',
      `## Backlog: ${b.backlog} events after ${b.stoppedSeconds} s stopped, drained at ${n0(b.drainPerSecond)}/s while producing ${n0(b.productionPerSecond)}/s (${b.ratio.toFixed(2)} x) ${b.caughtUp ? 'in' : 'and still behind after'} ${b.catchUpSeconds.toFixed(1)} s.`,
    );
  }
  const m = phases.memory;
  if (m !== undefined) {
    lines.push(
      '',
      `## Memory: ${n0(m.storeBytesPerCustomer)} B per customer, ${n0(m.storeBytesPerAsset)} B per asset in the store vs ${n0(m.bareBytesPerAsset)} B per asset as bare hashes (${m.customers} customers, ${m.assets} assets).`,
    );
  }
  if (result.vendor !== undefined)
    lines.push('', '## Vendor tools', '', '```json', JSON.stringify(result.vendor, null, 2), '```');
  if (result.notes.length > 0) lines.push('', '## Notes', '', ...result.notes.map((n) => `- ${n}`));
  return `${lines.join('\n')}\n`;
}

/** Formats with the repository's Prettier settings, so results are committed as the format check wants. */
async function formatted(text: string, filepath: string): Promise<string> {
  const options = (await resolveConfig(filepath)) ?? {};
  return format(text, { ...options, filepath });
}

/** Writes `<dir>/<timestamp>.json` and `.md`, and the markdown again as bench/RESULTS.md. */
export async function writeResults(dir: string, result: BenchResult, resultsMd: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const stamp = result.startedAt.replaceAll(':', '-');
  const json = join(dir, `${stamp}.json`);
  const markdown = await formatted(renderMarkdown(result), resultsMd);
  writeFileSync(json, await formatted(JSON.stringify(result, null, 2), json));
  writeFileSync(join(dir, `${stamp}.md`), markdown);
  writeFileSync(resultsMd, markdown);
  return json;
}
