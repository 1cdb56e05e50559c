import { createMemoryApiKeys } from '@trustwatch/store';
import { apiKeyStoreOver } from '../adapters/api-key-store.js';
import type { ApiKeyStore } from '../ports/api-keys.js';

/** In-memory API keys (hashes only), for the embedded mode and tests: the store's memory adapter. */
export function createMemoryApiKeyStore(): ApiKeyStore {
  return apiKeyStoreOver(createMemoryApiKeys());
}
