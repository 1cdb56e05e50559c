import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { CHILD_PATH, REPO_ROOT } from '../config.js';

/** The built alerter entry (`main.ts` -> `startAlerterService`): a real process, so SIGKILL is a real crash. */
export const ALERTER_MAIN = join(REPO_ROOT, 'services', 'alerter', 'dist', 'main.js');

/** A webhook receiver as the alerter's receivers file declares it. */
export interface WebhookTarget {
  readonly name: string;
  readonly url: string;
}

/** Where the alerter runs and under which names: one unique set per run. */
export interface AlerterTarget {
  readonly brokers: readonly string[];
  readonly redisUrl: string;
  readonly namespace: string;
  readonly keyPrefix: string;
  readonly groupId: string;
  readonly receivers: readonly WebhookTarget[];
  /** Dispatcher cadence (flush due groups, work the outbox), ms. */
  readonly tickMs: number;
}

/**
 * Routing that sends every alert to every receiver (one child route each, `continue: true`), grouped by
 * customer as the alerter requires, with a 1 s group wait so a run takes seconds, not minutes.
 */
function routingYaml(receivers: readonly WebhookTarget[]): string {
  return [
    'version: 1',
    `receivers: [${receivers.map((r) => `{ name: ${r.name} }`).join(', ')}]`,
    'route:',
    `  receiver: ${receivers[0]?.name ?? 'none'}`,
    '  group_by: [customer]',
    '  group_wait: 1s',
    '  group_interval: 2s',
    '  repeat_interval: 24h',
    '  routes:',
    ...receivers.map((r) => `    - { receiver: ${r.name}, continue: true }`),
    'inhibit_rules: []',
  ].join('\n');
}

/** The alerter's configuration files and environment; `dispose` removes the files. */
export class AlerterProcesses {
  /** Every line any alerter process wrote. */
  readonly lines: string[] = [];
  private readonly dir = mkdtempSync(join(tmpdir(), 'tw-faults-alerter-'));
  private readonly env: Record<string, string>;
  private started = 0;

  constructor(target: AlerterTarget) {
    if (!existsSync(ALERTER_MAIN)) throw new Error(`${ALERTER_MAIN} is missing: run \`npm run build\` first`);
    const receiversFile = join(this.dir, 'receivers.yaml');
    const routingFile = join(this.dir, 'routing.yaml');
    // JSON is YAML; the secret is a throwaway of the right shape (whsec_ + base64 of 32 bytes).
    const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
    const receivers = target.receivers.map((r) => ({
      name: r.name,
      kind: 'webhook',
      url: r.url,
      secrets: [secret],
      timeoutMs: 300,
    }));
    // Receivers listen on loopback: the address policy allows exactly that (production allows none).
    writeFileSync(
      receiversFile,
      JSON.stringify({ version: 1, receivers, ssrf: { allow: ['127.0.0.1/32'], allowHosts: [] } }),
    );
    writeFileSync(routingFile, routingYaml(target.receivers));
    this.env = {
      PATH: CHILD_PATH,
      KAFKA_BROKERS: target.brokers.join(','),
      KAFKA_TOPIC_NAMESPACE: target.namespace,
      REDIS_URL: target.redisUrl,
      REDIS_KEY_PREFIX: target.keyPrefix,
      ALERTER_GROUP_ID: target.groupId,
      ALERT_OUTBOX_NAME: target.groupId,
      ALERTER_TICK_MS: String(target.tickMs),
      ALERT_RECEIVERS_FILE: receiversFile,
      ALERT_ROUTING_FILE: routingFile,
      DASHBOARD_BASE_URL: 'https://trustwatch.example',
      LOG_LEVEL: 'debug',
    };
  }

  /** Starts one alerter process; resolves once it logged that it runs (consumer joined, ticker on). */
  async start(timeoutMs = 60_000): Promise<ChildProcess> {
    this.started += 1;
    const child = spawn(process.execPath, [ALERTER_MAIN], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...this.env,
        KAFKA_CLIENT_ID: `${this.env['ALERTER_GROUP_ID'] ?? 'alerter'}-${String(this.started)}`,
      },
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('alerter did not report running in time')), timeoutMs);
      child.once('close', (code, signal) => {
        clearTimeout(timer);
        reject(
          new Error(
            `alerter exited before running (${String(code ?? signal)}):\n${this.lines.slice(-14).join('\n')}`,
          ),
        );
      });
      for (const stream of [child.stdout, child.stderr]) {
        createInterface({ input: stream }).on('line', (line) => {
          this.lines.push(line);
          if (line.includes('"alerter running"')) {
            clearTimeout(timer);
            resolve();
          }
        });
      }
    });
    return child;
  }

  /** Stops a process: SIGTERM drains and closes; SIGKILL after `graceMs`. */
  async stop(child: ChildProcess, graceMs = 15_000): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.kill('SIGTERM');
    await gone;
    clearTimeout(timer);
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
