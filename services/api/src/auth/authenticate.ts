import type { ApiKeyRecord, ApiKeyStore } from '../ports/api-keys.js';
import { ApiError } from '../errors.js';
import { hashApiKey, looksLikeApiKey } from './api-keys.js';
import type { JwtVerifier } from './jwt.js';
import type { Principal } from './principal.js';

/** What authentication needs: the key store, and a JWT verifier when bearer tokens are accepted. */
export interface AuthDeps {
  readonly apiKeys: ApiKeyStore;
  readonly jwt?: JwtVerifier;
  /** Clock for last-use records (ms); defaults to Date.now. */
  readonly now?: () => number;
}

// Last use is recorded at most this often per key, so a busy key does not cost a write per request.
const TOUCH_EVERY_MS = 60_000;

/**
 * Reads `Authorization: Bearer <jwt>` or `Authorization: ApiKey <key>` (also `X-Api-Key`). API keys
 * are recognised by their prefix, so a key sent as a bearer token works too.
 */
export async function authenticate(
  deps: AuthDeps,
  headers: Readonly<Record<string, string | string[] | undefined>>,
): Promise<Principal> {
  const credential = credentialOf(headers);
  if (credential === null) throw new ApiError('UNAUTHENTICATED', 'credentials required');
  if (credential.startsWith('twk_')) {
    if (!looksLikeApiKey(credential)) throw new ApiError('UNAUTHENTICATED', 'invalid API key');
    const record = await deps.apiKeys.findByHash(hashApiKey(credential));
    if (record === null || record.revokedAt !== null)
      throw new ApiError('UNAUTHENTICATED', 'invalid API key');
    recordUse(deps, record);
    return { subject: record.subject, role: record.role, via: 'api-key', keyId: record.id };
  }
  if (deps.jwt === undefined) throw new ApiError('UNAUTHENTICATED', 'bearer tokens are not accepted');
  return deps.jwt(credential);
}

function credentialOf(headers: Readonly<Record<string, string | string[] | undefined>>): string | null {
  const apiKey = headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey !== '') return apiKey;
  const authorization = headers['authorization'];
  if (typeof authorization !== 'string') return null;
  const match = /^(Bearer|ApiKey)\s+(\S{1,8192})$/i.exec(authorization.trim());
  return match?.[2] ?? null;
}

/** Records the key's use in the background: a failed usage write must not refuse a valid key. */
function recordUse(deps: AuthDeps, record: ApiKeyRecord): void {
  if (deps.apiKeys.touch === undefined) return;
  const now = (deps.now ?? Date.now)();
  const last = record.lastUsedAt == null ? Number.NEGATIVE_INFINITY : Date.parse(record.lastUsedAt);
  if (now - last < TOUCH_EVERY_MS) return;
  deps.apiKeys.touch(record.id, new Date(now).toISOString()).catch(() => undefined);
}
