import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface RunningAlertmanager {
  /** Base URL, e.g. `http://127.0.0.1:41234`; the alerter's receiver appends `/api/v2/alerts`. */
  readonly url: string;
  /** Everything the process wrote, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/** The Debian binary (`prometheus-alertmanager`) or upstream's name; fails loudly when neither exists. */
export async function alertmanagerBinary(): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)('sh', [
      '-c',
      'command -v prometheus-alertmanager || command -v alertmanager',
    ]);
    return stdout.trim();
  } catch {
    throw new Error(
      'Alertmanager is not installed: run infra/alertmanager/install.sh (Debian prometheus-alertmanager)',
    );
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A private Alertmanager on a free loopback port, clustering off, its state in a temporary folder,
 * routing every alert to `webhookUrl` (resolved ones too) with short group timings.
 */
export async function startAlertmanager(options: {
  readonly webhookUrl: string;
  readonly groupWait?: string;
  readonly groupInterval?: string;
}): Promise<RunningAlertmanager> {
  const binary = await alertmanagerBinary();
  const dir = await mkdtemp(join(tmpdir(), 'trustwatch-alertmanager-'));
  const config = [
    'route:',
    '  receiver: trustwatch-test',
    "  group_by: ['customer']",
    `  group_wait: ${options.groupWait ?? '0s'}`,
    `  group_interval: ${options.groupInterval ?? '1s'}`,
    '  repeat_interval: 1h',
    'receivers:',
    '  - name: trustwatch-test',
    '    webhook_configs:',
    `      - url: ${JSON.stringify(options.webhookUrl)}`,
    '        send_resolved: true',
  ].join('\n');
  await writeFile(join(dir, 'alertmanager.yml'), config);
  const port = await freePort();
  const child: ChildProcess = spawn(
    binary,
    [
      `--config.file=${join(dir, 'alertmanager.yml')}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${String(port)}`,
      // An empty address turns clustering off: no gossip port, no waiting for peers.
      '--cluster.listen-address=',
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${String(port)}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`alertmanager exited with ${String(child.exitCode)}:\n${output}`);
    }
    const ready = await fetch(`${url}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { url, output: () => output, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`alertmanager did not become ready within 15 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
