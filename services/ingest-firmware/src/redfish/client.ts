import { parseUntrustedJson } from '@trustwatch/schemas';
import { IngestFirmwareError } from '../errors.js';
import { SERVICE_ROOT, type BmcEndpoint } from './endpoint.js';
import { httpGet } from './http-get.js';

/** A Redfish resource: a JSON object with unknown, untrusted content. */
export type RedfishResource = Readonly<Record<string, unknown>>;

interface CachedResource {
  readonly etag: string;
  readonly resource: RedfishResource;
}

/**
 * Reads Redfish resources from one BMC. Keeps the ETag of every resource it has read so the next poll
 * asks `If-None-Match` and a 304 reuses the cached copy: BMCs are slow, and most polls change nothing.
 * One client per BMC; the cache lives as long as the client.
 */
export class RedfishClient {
  readonly endpoint: BmcEndpoint;
  readonly #origin: string;
  readonly #headers: Readonly<Record<string, string>>;
  readonly #cache = new Map<string, CachedResource>();

  constructor(endpoint: BmcEndpoint) {
    this.endpoint = endpoint;
    this.#origin = new URL(endpoint.baseUrl).origin;
    this.#headers = { accept: 'application/json', 'odata-version': '4.0', ...authHeaders(endpoint) };
  }

  /**
   * GETs a resource by its `@odata.id` (or any path under the service root). Throws
   * `BMC_OUTSIDE_SERVICE_ROOT` for a link to another host or outside `/redfish/v1`, before any request.
   */
  async get(odataId: string): Promise<RedfishResource> {
    const url = this.resolve(odataId);
    const key = url.pathname + url.search;
    const cached = this.#cache.get(key);
    const headers = cached === undefined ? this.#headers : { ...this.#headers, 'if-none-match': cached.etag };
    const result = await httpGet(url, {
      bmcId: this.endpoint.id,
      headers,
      timeoutMs: this.endpoint.timeoutMs,
      maxBodyBytes: this.endpoint.maxBodyBytes,
      ca: this.endpoint.ca,
    });
    if (!('body' in result)) {
      if (cached !== undefined) return cached.resource;
      // A 304 to a request without If-None-Match is a broken BMC, not a reason to invent a resource.
      throw this.#error('BMC_HTTP_ERROR', url, 'answered 304 to an unconditional request', 304);
    }
    const resource = this.#parse(url, result.body);
    if (result.etag === undefined) this.#cache.delete(key);
    else this.#cache.set(key, { etag: result.etag, resource });
    return resource;
  }

  /** The absolute URL of a link, if it stays on this BMC under the service root. */
  resolve(odataId: string): URL {
    let url: URL;
    try {
      url = new URL(odataId, this.#origin);
    } catch (error) {
      throw this.#error(
        'BMC_OUTSIDE_SERVICE_ROOT',
        undefined,
        'link is not a valid URL reference',
        undefined,
        error,
      );
    }
    // URL parsing has already collapsed `..` segments, so a prefix check on the pathname is sound.
    const inside = url.pathname === SERVICE_ROOT || url.pathname.startsWith(`${SERVICE_ROOT}/`);
    if (url.origin !== this.#origin || !inside || url.username !== '' || url.password !== '') {
      throw this.#error('BMC_OUTSIDE_SERVICE_ROOT', undefined, 'link leaves the service root');
    }
    url.hash = '';
    return url;
  }

  #parse(url: URL, body: string): RedfishResource {
    let value: unknown;
    try {
      value = parseUntrustedJson(body);
    } catch (error) {
      throw this.#error('BMC_INVALID_JSON', url, 'answered with invalid or unsafe JSON', undefined, error);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw this.#error('BMC_UNEXPECTED_RESOURCE', url, 'answered with JSON that is not an object');
    }
    return value as RedfishResource;
  }

  #error(
    code: ConstructorParameters<typeof IngestFirmwareError>[0],
    url: URL | undefined,
    detail: string,
    status?: number,
    cause?: unknown,
  ): IngestFirmwareError {
    const where =
      url === undefined ? `BMC ${this.endpoint.id}` : `BMC ${this.endpoint.id} GET ${url.pathname}`;
    return new IngestFirmwareError(code, `${where}: ${detail}`, {
      bmcId: this.endpoint.id,
      ...(status === undefined ? {} : { status }),
      cause,
    });
  }
}

function authHeaders(endpoint: BmcEndpoint): Record<string, string> {
  const credentials = endpoint.credentials;
  if (credentials === undefined) return {};
  if (credentials.kind === 'token') return { 'x-auth-token': credentials.token };
  const basic = Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64');
  return { authorization: `Basic ${basic}` };
}
