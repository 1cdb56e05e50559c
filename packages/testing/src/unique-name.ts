import { randomBytes } from 'node:crypto';

/**
 * A name no other test run uses: `<prefix>-<time>-<random>`, restricted to the characters Kafka topic
 * and group names, Redis keys and customer ids all accept. Tests isolate themselves with these instead
 * of flushing shared state, so parallel files and parallel runs never see each other's data.
 */
export function uniqueName(prefix: string): string {
  const safe = prefix.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 100) || 'test';
  return `${safe}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}
