import type { TestProject } from 'vitest/node';

/**
 * Global setup of the integration project: locate (KAFKA_BROKERS / REDIS_URL) or start the real broker
 * and server, and hand their addresses to the tests. Minimal first version; see the testing README.
 */
export default function setup(project: TestProject): void {
  project.provide('kafkaBrokers', process.env['KAFKA_BROKERS'] ?? '127.0.0.1:19092');
  project.provide('redisUrl', process.env['REDIS_URL'] ?? 'redis://127.0.0.1:16379');
}
