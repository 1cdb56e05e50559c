import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { CHILD_PATH, REPO_ROOT } from '../config.js';

/** The built engine: real processes, so a SIGKILL is a real crash. CI builds before tests. */
export const ENGINE_MAIN = join(REPO_ROOT, 'services', 'trust-engine', 'dist', 'main.js');

/** How to reach Kafka and Redis, and the names that isolate one run. */
export interface EngineTarget {
  readonly brokers: readonly string[];
  readonly redisUrl: string;
  readonly keyPrefix: string;
  readonly namespace: string;
  readonly groupId: string;
  /** Extra variables, e.g. planted secrets. */
  readonly env?: Readonly<Record<string, string>>;
}

/** Every engine process of one run, their log lines, and what the logs say about handled events. */
export class EngineFleet {
  /** Every line any engine process wrote, stdout and stderr. */
  readonly lines: string[] = [];
  /** How often each event id was handled ('trust event applied' or skipped), across all processes. */
  readonly handled = new Map<string, number>();
  private readonly running = new Set<ChildProcess>();
  private started = 0;

  constructor(private readonly target: EngineTarget) {
    if (!existsSync(ENGINE_MAIN)) throw new Error(`${ENGINE_MAIN} is missing: run \`npm run build\` first`);
  }

  /** Starts one engine process; resolves once it logged that it runs (joined, topics ready). */
  async start(timeoutMs = 60_000): Promise<ChildProcess> {
    this.started += 1;
    const child = spawn(process.execPath, [ENGINE_MAIN], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: CHILD_PATH,
        KAFKA_BROKERS: this.target.brokers.join(','),
        KAFKA_CLIENT_ID: `${this.target.groupId}-${String(this.started)}`,
        KAFKA_TOPIC_NAMESPACE: this.target.namespace,
        REDIS_URL: this.target.redisUrl,
        REDIS_KEY_PREFIX: this.target.keyPrefix,
        TRUST_ENGINE_GROUP_ID: this.target.groupId,
        LOG_LEVEL: 'debug',
        ...this.target.env,
      },
    });
    this.running.add(child);
    child.once('exit', () => this.running.delete(child));
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('engine did not report running in time')), timeoutMs);
      // 'close' comes after the output streams ended: the last lines name the reason (a config error, a
      // refused connection), so they go into the error.
      child.once('close', (code, signal) => {
        clearTimeout(timer);
        const tail = this.lines.slice(-14).join('\n');
        reject(new Error(`engine exited before running (${String(code ?? signal)}):\n${tail}`));
      });
      for (const stream of [child.stdout, child.stderr]) {
        createInterface({ input: stream }).on('line', (line) => {
          this.record(line);
          if (line.includes('"trust engine running"')) {
            clearTimeout(timer);
            resolve();
          }
        });
      }
    });
    await ready;
    return child;
  }

  /**
   * Signals one process and waits for it to be gone: SIGKILL (the default) is a crash with no drain, no
   * commit and no leave-group; SIGTERM is a graceful stop that drains, commits and leaves.
   */
  async kill(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await gone;
  }

  /** Stops every process gracefully (SIGTERM drain), SIGKILL after `graceMs`. */
  async stopAll(graceMs = 15_000): Promise<void> {
    await Promise.all(
      [...this.running].map(async (child) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await this.kill(child, 'SIGTERM');
        clearTimeout(timer);
      }),
    );
  }

  /** Engine processes of this fleet still running. */
  get runningCount(): number {
    return this.running.size;
  }

  /** The last `count` log lines of the fleet's engines (what a failure report needs). */
  tail(count = 20): string {
    return this.lines.slice(-count).join('\n');
  }

  /** Events handled more than once (redelivered after a crash or a rebalance), and the extra runs. */
  redeliveries(): { events: number; extraRuns: number } {
    let events = 0;
    let extraRuns = 0;
    for (const count of this.handled.values()) {
      if (count > 1) {
        events += 1;
        extraRuns += count - 1;
      }
    }
    return { events, extraRuns };
  }

  private record(line: string): void {
    this.lines.push(line);
    if (!line.includes('"trust event applied"') && !line.includes('"event skipped"')) return;
    const match = /"eventId":"([^"]+)"/.exec(line);
    if (match?.[1] !== undefined) this.handled.set(match[1], (this.handled.get(match[1]) ?? 0) + 1);
  }
}

/** Resident set size of a process in bytes (Linux /proc), or 0 once it is gone. */
export function rssBytes(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const status = readFileSync(`/proc/${String(pid)}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb === undefined ? 0 : Number(kb) * 1024;
  } catch {
    return 0;
  }
}
