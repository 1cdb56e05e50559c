import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';

/**
 * Kept-alive connections to receivers: one pool per origin, owned by one delivery engine (one address
 * policy) and closed with it. A connection per delivery cost a TCP (and TLS) handshake for every alert,
 * and during a storm more time than the request itself.
 *
 * Pooling keeps the SSRF guard whole: every new socket is opened through the request's guarded lookup,
 * so each connection was checked against the policy when it connected, and a pooled socket stays
 * connected to the address that was checked (a name that later resolves elsewhere only reaches new
 * sockets, which are checked again). Pools are keyed by origin, so a socket opened for one receiver's
 * host never carries another's requests.
 */
export class ReceiverAgents {
  private readonly pools = new Map<string, HttpAgent>();

  /**
   * `idleSockets`: idle connections kept per origin (the sends the engine keeps in flight to a
   * receiver). Open connections are not capped here: the engine's lanes bound them, and a request
   * queued inside a pool would spend its deadline waiting (receivers can share an origin).
   * `idleMs`: an idle connection is closed after this long, before common servers' keep-alive timeouts
   * (Node 5 s, most proxies 60 s), so a request rarely meets a connection the receiver is closing.
   */
  constructor(
    private readonly idleSockets: number,
    private readonly idleMs = 4_000,
  ) {}

  /** The pool for `url`'s origin, made on first use. */
  for(url: URL): HttpAgent {
    let agent = this.pools.get(url.origin);
    if (agent === undefined) {
      // LIFO reuse (Node's default) keeps the busiest sockets warm and lets the rest idle out on the
      // receiver's keep-alive timeout; idle ones beyond `idleSockets` are closed at once.
      // `timeout` only closes idle sockets here: a request in flight keeps its own deadline (post.ts).
      const settings = { keepAlive: true, maxFreeSockets: this.idleSockets, timeout: this.idleMs };
      agent = url.protocol === 'https:' ? new HttpsAgent(settings) : new HttpAgent(settings);
      this.pools.set(url.origin, agent);
    }
    return agent;
  }

  /** Open connections per origin (for tests and health pages). */
  sockets(): Map<string, number> {
    const count = (sockets: NodeJS.ReadOnlyDict<unknown[]>) =>
      Object.values(sockets).reduce((sum, list) => sum + (list?.length ?? 0), 0);
    return new Map(
      [...this.pools].map(([origin, agent]) => [origin, count(agent.sockets) + count(agent.freeSockets)]),
    );
  }

  /** Closes every connection; requests still in flight fail as network errors. */
  close(): void {
    for (const agent of this.pools.values()) agent.destroy();
    this.pools.clear();
  }
}
