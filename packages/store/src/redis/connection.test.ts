import { describe, expect, it } from 'vitest';
import { redisOptions } from './connection.js';

describe('redis client settings', () => {
  const options = redisOptions({ url: 'redis://127.0.0.1:6379' });

  it('fails commands at once while disconnected instead of queueing them without bound', () => {
    expect(options.enableOfflineQueue).toBe(false);
    expect(options.commandTimeout).toBeGreaterThan(0);
    expect(options.maxRetriesPerRequest).toBe(2);
  });

  it('reconnects and resends after a failover turned the primary read-only, and only then', () => {
    const reconnect = options.reconnectOnError;
    expect(reconnect?.(new Error("READONLY You can't write against a read only replica."))).toBe(1);
    expect(reconnect?.(new Error('ERR wrong number of arguments'))).toBe(false);
  });

  it('backs off exponentially between reconnects, capped near two seconds', () => {
    const delays = [1, 2, 4, 8, 50].map((attempt) => options.retryStrategy?.(attempt) as number);
    expect(delays[0]).toBeGreaterThanOrEqual(100);
    expect(delays[2]).toBeGreaterThan(delays[0] ?? 0);
    expect(Math.max(...delays)).toBeLessThan(2_100);
  });

  it('uses TLS only when asked', () => {
    expect(redisOptions({ url: 'redis://h:1', tls: false }).tls).toBeUndefined();
    expect(redisOptions({ url: 'redis://h:1', tls: { servername: 'h' } }).tls).toEqual({ servername: 'h' });
  });
});
