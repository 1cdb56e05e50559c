import { afterEach, describe, expect, it } from 'vitest';
import { checkPolicy } from '../ssrf/address-policy.js';
import { startReceiver, type ReceiverServer } from '../test-support/receiver-server.js';
import { postGuarded } from './post.js';
import { ReceiverAgents } from './receiver-agents.js';

const servers: ReceiverServer[] = [];
const pools: ReceiverAgents[] = [];
afterEach(async () => {
  for (const pool of pools.splice(0)) pool.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function receiver(host?: string): Promise<ReceiverServer> {
  const server = await startReceiver(undefined, host);
  servers.push(server);
  return server;
}

function pool(idleMs?: number): ReceiverAgents {
  const agents = new ReceiverAgents(4, idleMs);
  pools.push(agents);
  return agents;
}

const loopback = checkPolicy({ allow: ['127.0.0.1/32'], allowHosts: [] });

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 2_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('kept-alive receiver connections', () => {
  it('sends one receiver request after request over one connection', async () => {
    const hook = await receiver();
    const agents = pool();
    for (let i = 0; i < 5; i += 1) {
      const reply = await postGuarded(
        `${hook.url}/n${String(i)}`,
        '{}',
        {},
        {
          policy: loopback,
          timeoutMs: 2_000,
          agents,
        },
      );
      expect(reply.status).toBe(200);
    }
    expect(hook.received).toHaveLength(5);
    expect(hook.connections().accepted).toBe(1);
    expect(agents.sockets().get(new URL(hook.url).origin)).toBe(1);
  });

  it('opens a connection per request without a pool', async () => {
    const hook = await receiver();
    for (let i = 0; i < 3; i += 1) {
      await postGuarded(hook.url, '{}', {}, { policy: loopback, timeoutMs: 2_000 });
    }
    expect(hook.connections().accepted).toBe(3);
  });

  it('never lends a connection of an allowed host to an address the policy refuses', async () => {
    // `localhost` is allowed whatever it resolves to; the same server by its refused loopback address
    // is not, although a pooled connection to that very address is open.
    const hook = await receiver('::');
    const agents = pool();
    const policy = checkPolicy({ allow: [], allowHosts: ['localhost'] });
    const byName = await postGuarded(
      `http://localhost:${String(hook.port)}/`,
      '{}',
      {},
      {
        policy,
        timeoutMs: 2_000,
        agents,
      },
    );
    expect(byName.status).toBe(200);
    expect(hook.connections().open).toBe(1);
    await expect(
      postGuarded(`http://127.0.0.1:${String(hook.port)}/`, '{}', {}, { policy, timeoutMs: 2_000, agents }),
    ).rejects.toMatchObject({ code: 'SSRF_REFUSED' });
    expect(hook.received).toHaveLength(1);
  });

  it('closes every kept connection when closed', async () => {
    const hook = await receiver();
    const agents = pool();
    await postGuarded(hook.url, '{}', {}, { policy: loopback, timeoutMs: 2_000, agents });
    expect(hook.connections().open).toBe(1);
    agents.close();
    await until(() => hook.connections().open === 0);
    expect(agents.sockets().size).toBe(0);
  });

  it('closes a connection left idle, and opens a fresh one for the next request', async () => {
    const hook = await receiver();
    const agents = pool(100);
    await postGuarded(hook.url, '{}', {}, { policy: loopback, timeoutMs: 2_000, agents });
    await until(() => hook.connections().open === 0);
    const reply = await postGuarded(hook.url, '{}', {}, { policy: loopback, timeoutMs: 2_000, agents });
    expect(reply.status).toBe(200);
    expect(hook.connections().accepted).toBe(2);
  });

  it('lets a slow answer outlast the idle limit (its own deadline governs it)', async () => {
    const slow = await startReceiver((_req, res) => setTimeout(() => res.end('late'), 300));
    servers.push(slow);
    const agents = pool(100);
    const reply = await postGuarded(slow.url, '{}', {}, { policy: loopback, timeoutMs: 2_000, agents });
    expect(reply).toMatchObject({ status: 200, bodyStart: 'late' });
  });
});
