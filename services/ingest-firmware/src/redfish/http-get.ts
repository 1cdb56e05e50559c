import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { IngestFirmwareError } from '../errors.js';

/** What one GET needs besides the URL; everything here comes from the BMC's configuration. */
export interface HttpGetOptions {
  readonly bmcId: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
  /** Extra trusted CA certificates (PEM) for BMCs with a private PKI; verification stays on either way. */
  readonly ca?: string | undefined;
}

/** A 2xx answer with its body, or a 304 telling the caller to reuse what it cached. */
export type HttpGetResult =
  | { readonly status: 304 }
  | { readonly status: number; readonly etag: string | undefined; readonly body: string };

// Node's TLS verification failures; anything else on a socket is treated as "unreachable".
const TLS_ERROR = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL|HOSTNAME/;

/**
 * One GET with the limits a BMC answer must respect: the whole exchange (headers and body) within
 * `timeoutMs`, the body within `maxBodyBytes` (streamed and cut off, so an endless body cannot exhaust
 * memory), no redirect followed. Errors carry the path only: URLs are built without user info, and
 * headers (which hold the credentials) never reach a message.
 */
export function httpGet(url: URL, options: HttpGetOptions): Promise<HttpGetResult> {
  const where = `BMC ${options.bmcId} GET ${url.pathname}`;
  const signal = AbortSignal.timeout(options.timeoutMs);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<HttpGetResult>((resolve, reject) => {
    let settled = false;
    let response: IncomingMessage | undefined;
    const finish = (outcome: HttpGetResult | IngestFirmwareError): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      if (outcome instanceof IngestFirmwareError) {
        response?.destroy();
        req.destroy();
        reject(outcome);
      } else {
        resolve(outcome);
      }
    };
    const fail = (
      code: ConstructorParameters<typeof IngestFirmwareError>[0],
      detail: string,
      cause?: unknown,
    ) =>
      finish(
        new IngestFirmwareError(code, `${where}: ${detail}`, {
          bmcId: options.bmcId,
          ...(response?.statusCode === undefined ? {} : { status: response.statusCode }),
          cause,
        }),
      );
    const onAbort = (): void => fail('BMC_TIMEOUT', `no complete answer within ${options.timeoutMs} ms`);
    signal.addEventListener('abort', onAbort, { once: true });

    const req = send(url, {
      method: 'GET',
      headers: options.headers,
      // rejectUnauthorized is Node's default; stated so that no one "fixes" a BMC by turning it off here.
      rejectUnauthorized: true,
      ...(options.ca === undefined ? {} : { ca: options.ca }),
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? '';
      if (TLS_ERROR.test(code)) fail('BMC_TLS_FAILED', `TLS verification failed (${code})`, error);
      else fail('BMC_UNREACHABLE', `connection failed (${code || error.name})`, error);
    });
    req.on('response', (res) => {
      response = res;
      const status = res.statusCode ?? 0;
      if (status === 304) return finish({ status: 304 });
      const statusError = classifyStatus(status);
      if (statusError !== undefined) return fail(statusError.code, statusError.detail);
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > options.maxBodyBytes) {
        return fail(
          'BMC_BODY_TOO_LARGE',
          `declared body of ${declared} bytes exceeds ${options.maxBodyBytes}`,
        );
      }
      readBody(res, options.maxBodyBytes)
        .then((body) => finish({ status, etag: res.headers.etag, body }))
        .catch((error: unknown) =>
          error instanceof BodyTooLarge
            ? fail('BMC_BODY_TOO_LARGE', `body exceeds ${options.maxBodyBytes} bytes`)
            : fail('BMC_UNREACHABLE', 'connection lost while reading the body', error),
        );
    });
    req.end();
  });
}

function classifyStatus(
  status: number,
):
  | { code: 'BMC_REDIRECT' | 'BMC_AUTH_FAILED' | 'BMC_SERVER_ERROR' | 'BMC_HTTP_ERROR'; detail: string }
  | undefined {
  if (status >= 200 && status < 300) return undefined;
  // A BMC has no business sending us elsewhere; following could leak credentials to another host.
  if (status >= 300 && status < 400)
    return { code: 'BMC_REDIRECT', detail: `refused to follow a ${status} redirect` };
  if (status === 401 || status === 403)
    return { code: 'BMC_AUTH_FAILED', detail: `access denied (${status})` };
  if (status >= 500) return { code: 'BMC_SERVER_ERROR', detail: `server error (${status})` };
  return { code: 'BMC_HTTP_ERROR', detail: `unexpected status ${status}` };
}

// Internal signal from readBody; turned into the typed error (with BMC id and status) by the caller.
class BodyTooLarge extends Error {}

function readBody(res: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLarge());
        res.destroy();
        return;
      }
      chunks.push(chunk);
    });
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
    // A connection cut mid-body ends in 'close' without the message being complete.
    res.on('close', () => {
      if (!res.complete) reject(new Error('response closed before its end'));
    });
  });
}
