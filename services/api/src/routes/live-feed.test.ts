import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, change, NOW, type World } from '../test-support/world.js';

let world: World;
let base: string;
beforeAll(async () => {
  world = await buildWorld({ limits: { livePollMs: 20, liveHeartbeatMs: 60_000 } });
  await world.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${String((world.app.server.address() as AddressInfo).port)}`;
});
afterAll(async () => {
  await world.app.close();
});

interface SseEvent {
  id: string;
  event: string;
  data: string;
}

/** Opens a live feed and returns a function reading its next event (the connection closes on abort). */
async function subscribe(path: string, key: string, headers: Record<string, string> = {}) {
  const abort = new AbortController();
  const res = await fetch(`${base}${path}`, {
    headers: { 'x-api-key': key, ...headers },
    signal: abort.signal,
  });
  const reader = res.body?.getReader();
  if (reader === undefined) throw new Error('no body');
  let buffer = '';
  const next = async (): Promise<SseEvent> => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = Object.fromEntries(
          block
            .split('\n')
            .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]),
        );
        if (fields['event'] !== undefined)
          return { id: fields['id'] ?? '', event: fields['event'], data: fields['data'] ?? '' };
        continue;
      }
      const chunk = await reader.read();
      if (chunk.done) throw new Error('stream ended');
      buffer += new TextDecoder().decode(chunk.value as Uint8Array);
    }
  };
  return {
    res,
    next,
    close: async () => {
      await reader.cancel();
      abort.abort();
    },
  };
}

describe('live feed over Server-Sent Events', () => {
  it("delivers the subscriber's own new trust changes and never another tenant's", async () => {
    const live = await subscribe('/v1/customers/acme/feed/live', world.keys.alice);
    expect(live.res.headers.get('content-type')).toContain('text/event-stream');
    await world.store.applyMany([
      {
        customerId: 'globex',
        eventId: 'evt-live-g',
        version: NOW,
        change: change('globex', NOW, 'dell', 'globex-live'),
      },
      {
        customerId: 'acme',
        eventId: 'evt-live-a',
        version: NOW,
        change: change('acme', NOW, 'supermicro', 'acme-live'),
      },
    ]);
    const event = await live.next();
    await live.close();
    expect(event.event).toBe('trust.changed');
    expect(event.data).toContain('acme-live');
    expect(event.data).not.toContain('globex');
  });

  it('resumes after Last-Event-ID without a gap', async () => {
    const feed = (
      await world.app.inject({
        method: 'GET',
        url: '/v1/customers/acme/feed?since=2020-01-01T00:00:00Z',
        headers: { 'x-api-key': world.keys.alice },
      })
    ).json<{ items: { id: string }[] }>();
    const [first, second] = feed.items;
    const live = await subscribe('/v1/customers/acme/feed/live', world.keys.alice, {
      'last-event-id': first?.id ?? '',
    });
    const event = await live.next();
    await live.close();
    expect(event.id).toBe(second?.id);
  });

  it("refuses a subscription to another tenant's feed before streaming anything", async () => {
    const res = await world.app.inject({
      method: 'GET',
      url: '/v1/customers/globex/feed/live',
      headers: { 'x-api-key': world.keys.alice },
    });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('globex-marker');
  });
});
