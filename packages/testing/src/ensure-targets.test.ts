import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ensureKafka, ensureRedis } from './ensure-targets.js';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('ensure targets named by the environment', () => {
  it('fails with the commands that fix an unreachable Kafka instead of starting one', async () => {
    const broker = `127.0.0.1:${await closedPort()}`;
    const attempt = ensureKafka({ brokers: [broker], fromEnv: true }, 0);
    await expect(attempt).rejects.toThrow(`KAFKA_BROKERS=${broker} does not answer`);
    await expect(attempt).rejects.toThrow("'bash infra/kafka/start.sh'");
    await expect(attempt).rejects.toThrow('apt-get install -y openjdk-17-jre-headless maven');
  });

  it('fails with the commands that fix an unreachable Redis and hides its password', async () => {
    const url = `redis://app:hunter2@127.0.0.1:${await closedPort()}`;
    const error = await ensureRedis({ url, fromEnv: true }, 0).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain("'bash infra/redis/start.sh'");
    expect(message).toContain('ECONNREFUSED');
    expect(message).not.toContain('hunter2');
  });
});
