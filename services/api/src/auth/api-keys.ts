import { createHash, randomBytes } from 'node:crypto';
import type { ApiKeyRecord, ApiKeyStore } from '../ports/api-keys.js';
import type { Role } from './principal.js';

/** Every key starts with this, so secret scanners and log censors can recognise one. */
export const API_KEY_PREFIX = 'twk_';
// 32 random bytes (256 bits): guessing is hopeless, so a fast hash (SHA-256) is enough to store it.
const SECRET_BYTES = 32;
const KEY_PATTERN = /^twk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/;

/** SHA-256 of a key as the client presents it, lower-case hex: what the key store indexes. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** True when the text has the shape of a key this service issues (checked before any lookup). */
export function looksLikeApiKey(text: string): boolean {
  return KEY_PATTERN.test(text);
}

/**
 * Creates a key, stores only its hash and returns the key itself once: it cannot be shown again.
 */
export async function issueApiKey(
  store: ApiKeyStore,
  owner: { readonly name: string; readonly subject: string; readonly role: Role },
  now: Date,
): Promise<{ key: string; record: ApiKeyRecord }> {
  const id = randomBytes(8).toString('hex');
  const key = `${API_KEY_PREFIX}${id}_${randomBytes(SECRET_BYTES).toString('base64url')}`;
  const record: ApiKeyRecord = {
    id,
    name: owner.name,
    subject: owner.subject,
    role: owner.role,
    hash: hashApiKey(key),
    createdAt: now.toISOString(),
    revokedAt: null,
  };
  await store.put(record);
  return { key, record };
}
