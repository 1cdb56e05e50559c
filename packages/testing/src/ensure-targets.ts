import { parseHostPort, displayUrl } from './addresses.js';
import { runLauncher } from './launchers.js';
import { probeKafka, probeRedis, probeUntil, type ProbeResult } from './probes.js';

/** A target that answers, and whether this process started it (and so must stop it). */
export interface EnsuredTarget {
  readonly started: boolean;
}

// A target that was just started, or one the environment names, gets this long to answer.
const DEFAULT_WAIT_MS = 10_000;

const KAFKA_FIX =
  'Fix: install Java 17 and Maven (apt-get install -y openjdk-17-jre-headless maven) and run ' +
  "'bash infra/kafka/start.sh', or 'docker compose -f infra/docker-compose.yml up -d kafka', " +
  'or set KAFKA_BROKERS to a running broker.';
const REDIS_FIX =
  "Fix: install redis-server (apt-get install -y redis-server) and run 'bash infra/redis/start.sh', " +
  "or 'docker compose -f infra/docker-compose.yml up -d redis', or set REDIS_URL to a running server.";

async function allBrokersAnswer(brokers: readonly string[], waitMs: number): Promise<ProbeResult> {
  for (const broker of brokers) {
    const result = await probeUntil(() => probeKafka(parseHostPort(broker)), waitMs);
    if (!result.ok) return { ok: false, reason: `${broker}: ${result.reason}` };
  }
  return { ok: true };
}

/**
 * Makes sure a Kafka broker answers metadata requests: the one KAFKA_BROKERS names (never started
 * here), or the local one, started with infra/kafka/start.sh when it is not already running.
 */
export async function ensureKafka(
  plan: { brokers: readonly string[]; fromEnv: boolean },
  waitMs = DEFAULT_WAIT_MS,
): Promise<EnsuredTarget> {
  const list = plan.brokers.join(',');
  if (plan.fromEnv) {
    const result = await allBrokersAnswer(plan.brokers, waitMs);
    if (result.ok) return { started: false };
    throw new Error(
      `Kafka from KAFKA_BROKERS=${list} does not answer (${result.reason}). Start it, or unset KAFKA_BROKERS to use a local broker. ${KAFKA_FIX}`,
    );
  }
  if ((await allBrokersAnswer(plan.brokers, 0)).ok) return { started: false };
  const run = await runLauncher('kafka', 'start');
  const result = run.exitCode === 0 ? await allBrokersAnswer(plan.brokers, waitMs) : undefined;
  if (result?.ok === true) return { started: true };
  const why =
    result === undefined ? `infra/kafka/start.sh exited ${run.exitCode}:\n${run.tail}` : result.reason;
  throw new Error(
    `No Kafka broker at ${list} and the local one could not be started (${why}).\n${KAFKA_FIX}`,
  );
}

/**
 * Makes sure Redis answers PING: the one REDIS_URL names (never started here), or the local one,
 * started with infra/redis/start.sh when it is not already running.
 */
export async function ensureRedis(
  plan: { url: string; fromEnv: boolean },
  waitMs = DEFAULT_WAIT_MS,
): Promise<EnsuredTarget> {
  const shown = displayUrl(plan.url);
  if (plan.fromEnv) {
    const result = await probeUntil(() => probeRedis(plan.url), waitMs);
    if (result.ok) return { started: false };
    throw new Error(
      `Redis from REDIS_URL=${shown} does not answer PING (${result.reason}). Start it, or unset REDIS_URL to use a local server. ${REDIS_FIX}`,
    );
  }
  if ((await probeRedis(plan.url)).ok) return { started: false };
  const run = await runLauncher('redis', 'start');
  const result = run.exitCode === 0 ? await probeUntil(() => probeRedis(plan.url), waitMs) : undefined;
  if (result?.ok === true) return { started: true };
  const why =
    result === undefined ? `infra/redis/start.sh exited ${run.exitCode}:\n${run.tail}` : result.reason;
  throw new Error(`No Redis at ${shown} and the local one could not be started (${why}).\n${REDIS_FIX}`);
}
