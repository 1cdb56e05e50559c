import { z } from 'zod';
import { envFlagOptional, readTextFile } from './env.js';
import { resolveSecret, secretFields } from './secret.js';

/** Validated connection settings for the Redis adapter in `@trustwatch/store`. */
export interface RedisConfig {
  /** `redis://` or `rediss://` URL; may carry credentials, so it is treated as a secret. */
  readonly url: string;
  /** False for plaintext. Otherwise TLS with the system CAs, plus `ca` (PEM text) when a CA file is set. */
  readonly tls: false | { readonly ca?: string };
  /** Prepended to every key by the store; isolates deployments (and tests) sharing one Redis. */
  readonly keyPrefix: string;
}

function parseRedisUrl(text: string): URL | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'redis:' || url.protocol === 'rediss:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Config section for Redis: REDIS_URL (or REDIS_URL_FILE, since the URL may hold a password, required),
 * REDIS_TLS (defaults to true for `rediss://`), REDIS_TLS_CA_FILE, REDIS_KEY_PREFIX.
 */
export function redisSection(defaults: { keyPrefix?: string } = {}) {
  return z
    .object({
      ...secretFields('REDIS_URL'),
      REDIS_TLS: envFlagOptional(),
      REDIS_TLS_CA_FILE: z.string().optional(),
      // Braces would open a Redis Cluster hash tag and put every customer in one slot.
      REDIS_KEY_PREFIX: z
        .string()
        .regex(/^[A-Za-z0-9:._-]{0,64}$/, { error: 'letters, digits, ":", ".", "_" and "-" only (0-64)' })
        .default(defaults.keyPrefix ?? ''),
    })
    .transform((env, ctx): RedisConfig => {
      const raw = resolveSecret(env, 'REDIS_URL', ctx);
      const url = raw === undefined ? undefined : parseRedisUrl(raw);
      if (raw !== undefined && url === undefined) {
        const source = env.REDIS_URL_FILE === undefined ? 'REDIS_URL' : 'REDIS_URL_FILE';
        ctx.addIssue({ code: 'custom', path: [source], message: 'must be a redis:// or rediss:// URL' });
      }
      const wantsTls = env.REDIS_TLS ?? url?.protocol === 'rediss:';
      let tls: RedisConfig['tls'] = wantsTls ? {} : false;
      if (env.REDIS_TLS_CA_FILE !== undefined) {
        const read = readTextFile(env.REDIS_TLS_CA_FILE);
        if (!read.ok) ctx.addIssue({ code: 'custom', path: ['REDIS_TLS_CA_FILE'], message: read.problem });
        else if (tls === false) {
          ctx.addIssue({ code: 'custom', path: ['REDIS_TLS_CA_FILE'], message: 'set, but TLS is off' });
        } else tls = { ca: read.text };
      }
      return { url: raw ?? '', tls, keyPrefix: env.REDIS_KEY_PREFIX };
    });
}
