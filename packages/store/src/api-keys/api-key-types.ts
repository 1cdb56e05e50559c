/**
 * A stored API key. Only the SHA-256 of the secret is kept (`hash`), so a copy of the store yields no
 * usable key. The role is the API's to define; the store keeps it as text.
 */
export interface StoredApiKey {
  readonly id: string;
  readonly name: string;
  readonly subject: string;
  readonly role: string;
  /** Lower-case hex SHA-256 of the whole key as the client sends it. */
  readonly hash: string;
  /** ISO 8601. */
  readonly createdAt: string;
  /** ISO 8601 of the first revocation; null while the key is valid. */
  readonly revokedAt: string | null;
  /** ISO 8601 of the last recorded use; null before the first. */
  readonly lastUsedAt: string | null;
}

/** What `put` writes: revocation and last use are recorded by their own calls, never overwritten. */
export type NewApiKey = Omit<StoredApiKey, 'revokedAt' | 'lastUsedAt'>;

/**
 * API keys by id and by hash. Revocation is permanent (revoking twice keeps the first time; `put` of
 * the same id never clears it); keys are never deleted, so a revoked key stays listed for audit.
 */
export interface ApiKeyRepository {
  /**
   * Creates the key, or updates its name, subject, role and hash (re-seeding a bootstrap key with a new
   * hash unbinds the old one). Refused (INVALID_ARGUMENT) when the hash already belongs to another id.
   */
  put(key: NewApiKey): Promise<void>;
  findByHash(hash: string): Promise<StoredApiKey | null>;
  get(id: string): Promise<StoredApiKey | null>;
  /** Every key, revoked ones included, oldest first (ties by id). */
  list(): Promise<StoredApiKey[]>;
  /** Marks the key revoked at `at` unless it already is; null when unknown. */
  revoke(id: string, at: string): Promise<StoredApiKey | null>;
  /** Records a use at `at` (never moving it backwards); false when the key is unknown. */
  touch(id: string, at: string): Promise<boolean>;
}

/** Ids are short opaque tokens; hashes are SHA-256 hex. Checked by both adapters before any write. */
export const API_KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;
export const API_KEY_HASH = /^[0-9a-f]{64}$/;
