import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createLogger, type Logger } from '@trustwatch/logging';
import type { Policy } from '@trustwatch/scoring';
import { loadPolicy } from '@trustwatch/trust-engine';
import type { BenchConfig } from './config.js';
import type { InstrumentedStore } from './redis-link.js';

/** What every phase of one run shares: its names, the policy, and where engine logs go. */
export interface BenchContext {
  readonly config: BenchConfig;
  /** Unique per run: key prefixes and group ids start with it. */
  readonly tag: string;
  /** Instant of the workloads' first event: a day before the run, so every event is in the past. */
  readonly epoch: number;
  /** Topic namespace of this run: each workload gets a sub-namespace of it. */
  readonly namespace: string;
  /** Namespaces whose topics exist now, deleted at the end of the run. */
  readonly namespaces: string[];
  /** Seeded portfolios by shape, copied into each engine pass (see portfolio-template.ts). */
  readonly templates: Map<string, Promise<InstrumentedStore>>;
  readonly policy: Policy;
  /** Synchronous file sink for engine logs, as production writes stdout synchronously. */
  readonly logSink: { write(line: string): void };
  /** The bench's own progress log (stderr). */
  readonly log: Logger;
  /** For the references' clients: they measure the substrate, not logging. */
  readonly quietLog: Logger;
  dispose(): void;
}

export async function createBenchContext(config: BenchConfig): Promise<BenchContext> {
  const tag = `bench-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const logPath = join(tmpdir(), `${tag}.log`);
  const fd = openSync(logPath, 'w');
  return {
    config,
    tag,
    namespace: `${tag}.`,
    namespaces: [],
    templates: new Map(),
    epoch: Date.now() - 86_400_000,
    policy: await loadPolicy(),
    logSink: { write: (line: string) => void writeSync(fd, line) },
    log: createLogger({
      service: 'bench',
      destination: { write: (line: string) => process.stderr.write(line) },
    }),
    quietLog: createLogger({ service: 'bench', level: 'silent' }),
    dispose() {
      closeSync(fd);
      rmSync(logPath, { force: true });
    },
  };
}
