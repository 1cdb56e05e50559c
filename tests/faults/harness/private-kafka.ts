import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probeKafka } from '@trustwatch/testing';
import { CHILD_PATH, REPO_ROOT } from '../config.js';
import { exited, freePort, killHard, spawnServer } from './processes.js';
import { sleep } from './wait.js';

const KAFKA_DIR = join(REPO_ROOT, 'infra', 'kafka');
// The jars infra/kafka/start.sh fetched for the shared broker: the same build, a broker of our own.
const LIBS = join(KAFKA_DIR, '.kafka', 'libs');

/**
 * A cluster id as `StorageTool random-uuid` prints it: 16 random bytes in URL-safe base64, drawn again
 * while it starts with `-` (Kafka's own rule: the tool's argument parser would take it for an option,
 * and the format fails one run in 64).
 */
export function randomClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

/**
 * A single-node KRaft broker of the suite's own, from infra/kafka's jars and server.properties template,
 * on free ports and a temporary data folder: a fault may stop and restart it, which the shared broker at
 * the integration address must never suffer.
 */
export class PrivateKafka {
  private child: ChildProcess | undefined;
  private tail: () => string = () => '';

  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async start(): Promise<PrivateKafka> {
    if (!existsSync(join(LIBS, '.complete'))) {
      throw new Error(`${LIBS} is not fetched: run \`bash infra/kafka/start.sh\` once`);
    }
    const [port, controller] = [await freePort(), await freePort()];
    const dir = await mkdtemp(join(tmpdir(), 'tw-faults-kafka-'));
    const template = await readFile(join(KAFKA_DIR, 'server.properties.template'), 'utf8');
    const properties = template
      .replaceAll('@PORT@', String(port))
      .replaceAll('@CONTROLLER_PORT@', String(controller))
      .replaceAll('@DATA_DIR@', join(dir, 'data'));
    await writeFile(join(dir, 'server.properties'), properties);
    const kafka = new PrivateKafka(port, dir);
    const clusterId = randomClusterId();
    const format = kafka.java(['kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', kafka.properties]);
    await exited(format.child);
    if (format.child.exitCode !== 0) throw new Error(`storage format failed:\n${format.tail()}`);
    await kafka.restart();
    return kafka;
  }

  get brokers(): string[] {
    return [`127.0.0.1:${String(this.port)}`];
  }

  private get properties(): string {
    return join(this.dir, 'server.properties');
  }

  private java(args: readonly string[]) {
    const log4j = join(KAFKA_DIR, 'log4j.properties');
    return spawnServer(
      'java',
      [
        ...['-Xms128m', '-Xmx384m', '-XX:+UseG1GC', '-XX:TieredStopAtLevel=1'],
        ...[`-Dlog4j.configuration=file:${log4j}`, `-Dkafka.logs.dir=${this.dir}`],
        ...['-cp', `${LIBS}/*`, ...args],
      ],
      { PATH: CHILD_PATH },
    );
  }

  /** Starts the broker (again) on the same ports and data; resolves once it answers a metadata request. */
  async restart(): Promise<void> {
    const server = this.java(['kafka.Kafka', this.properties]);
    this.child = server.child;
    this.tail = server.tail;
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (server.child.exitCode !== null) throw new Error(`broker exited:\n${this.tail()}`);
      if ((await probeKafka({ host: '127.0.0.1', port: this.port }, 1_000)).ok) return;
      if (Date.now() > deadline)
        throw new Error(`broker on ${String(this.port)} did not answer:\n${this.tail()}`);
      await sleep(100);
    }
  }

  /** kill -9 of the broker process. */
  async crash(): Promise<void> {
    await killHard(this.child);
  }

  async stop(): Promise<void> {
    await killHard(this.child);
    await rm(this.dir, { recursive: true, force: true });
  }
}
