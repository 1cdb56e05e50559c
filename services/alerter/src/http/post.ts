import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { AlerterError } from '../errors.js';
import type { AddressPolicy } from '../ssrf/address-policy.js';
import { checkUrl, guardedLookup } from '../ssrf/guarded-lookup.js';
import type { ReceiverAgents } from './receiver-agents.js';
import { parseRetryAfter } from './retry-after.js';

/** What a receiver answered; redirects are returned as they are, never followed. */
export interface HttpReply {
  readonly status: number;
  /** Delay the receiver asked for (`Retry-After` seconds or date), ms; undefined when absent. */
  readonly retryAfterMs: number | undefined;
  /** The start of the body, for the delivery log (receivers put their error reason there). */
  readonly bodyStart: string;
}

export interface PostOptions {
  readonly policy: AddressPolicy;
  /** Whole-request deadline, ms: connect, send and the full response. */
  readonly timeoutMs: number;
  readonly now?: () => number;
  /** Kept-alive connections to reuse; without them every request opens (and closes) its own. */
  readonly agents?: ReceiverAgents;
}

const BODY_KEEP = 512;

function collect(res: IncomingMessage, now: number, resolve: (reply: HttpReply) => void): void {
  let kept = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => {
    if (kept.length < BODY_KEEP) kept += chunk.slice(0, BODY_KEEP - kept.length);
  });
  res.on('end', () =>
    resolve({
      status: res.statusCode ?? 0,
      retryAfterMs: parseRetryAfter(res.headers['retry-after'], now),
      bodyStart: kept,
    }),
  );
}

/**
 * POSTs `body` to a user-configured URL through the SSRF guard: scheme and literal checks first, then
 * every resolved address at connect time (of every new connection: see ReceiverAgents). Redirects are
 * not followed (a 3xx to an internal address is the classic SSRF bypass). Rejects with TIMEOUT,
 * NETWORK, URL_REFUSED or SSRF_REFUSED.
 */
export async function postGuarded(
  rawUrl: string,
  body: string,
  headers: Readonly<Record<string, string>>,
  options: PostOptions,
): Promise<HttpReply> {
  const { url, host } = checkUrl(rawUrl, options.policy);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const now = options.now ?? Date.now;
  return await new Promise((resolve, reject) => {
    const req = send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers, 'content-length': Buffer.byteLength(body) },
      lookup: guardedLookup(options.policy, host),
      agent: options.agents?.for(url) ?? false,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    req.on('response', (res) => collect(res, now(), resolve));
    req.on('error', (err: Error) => {
      if (err instanceof AlerterError) return reject(err);
      if (err.name === 'AbortError' || err.name === 'TimeoutError') {
        return reject(new AlerterError('TIMEOUT', `no answer within ${String(options.timeoutMs)} ms`, err));
      }
      reject(new AlerterError('NETWORK', 'request failed', err));
    });
    req.end(body);
  });
}
