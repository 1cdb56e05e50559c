import type { Role } from '../auth/principal.js';

/** A stored API key: only the SHA-256 of the secret is kept, so a leaked store yields no key. */
export interface ApiKeyRecord {
  readonly id: string;
  readonly name: string;
  readonly subject: string;
  readonly role: Role;
  /** Lower-case hex SHA-256 of the whole key as the client sends it. */
  readonly hash: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
  /** When the key was last used (recorded at most once a minute); absent where the store keeps none. */
  readonly lastUsedAt?: string | null;
}

/** Where API keys live. Lookups are by hash, so verifying a key never compares secrets. */
export interface ApiKeyStore {
  put(record: ApiKeyRecord): Promise<void>;
  findByHash(hash: string): Promise<ApiKeyRecord | null>;
  /** Every key, revoked ones included, ordered by creation. */
  list(): Promise<ApiKeyRecord[]>;
  /** Marks a key revoked; returns the record, or null when unknown. Revoking twice keeps the first time. */
  revoke(id: string, at: string): Promise<ApiKeyRecord | null>;
  /** Records a use of the key (never moving it backwards); optional for stores that keep no usage. */
  touch?(id: string, at: string): Promise<void>;
}
