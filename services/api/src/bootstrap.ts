import { readFile } from 'node:fs/promises';
import { DEFAULT_POLICY_URL, parsePolicy, type Policy } from '@trustwatch/scoring';
import { z } from 'zod';
import type { ApiKeyStore } from './ports/api-keys.js';
import { customerSchema, type Customer } from './ports/customers.js';

/** Reads and validates the scoring policy the API reports as active. */
export async function loadPolicyFile(path: string | URL = DEFAULT_POLICY_URL): Promise<Policy> {
  return parsePolicy(await readFile(path, 'utf8'));
}

/** Reads the customer directory file: `[{ id, name, accountManagers: [subject] }]`. */
export async function loadCustomersFile(path: string): Promise<Customer[]> {
  const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
  return z.array(customerSchema).max(100_000).parse(parsed);
}

/** Seeds the bootstrap admin key (by its hash only) so the first admin can issue real keys. */
export async function seedAdminKey(store: ApiKeyStore, hash: string, now: Date): Promise<void> {
  await store.put({
    id: '0000000000000000',
    name: 'bootstrap admin',
    subject: 'bootstrap-admin',
    role: 'admin',
    hash,
    createdAt: now.toISOString(),
    revokedAt: null,
  });
}
