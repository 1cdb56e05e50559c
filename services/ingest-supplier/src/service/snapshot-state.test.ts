import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openFileSupplierSnapshots } from './file-snapshot-state.js';
import { supplierSnapshotsContract } from './snapshot-state.contract.js';
import { createMemorySupplierSnapshots } from './snapshot-state.js';

const directories: string[] = [];
afterAll(async () => {
  for (const dir of directories) await rm(dir, { recursive: true, force: true });
});

supplierSnapshotsContract('the memory', () => Promise.resolve(createMemorySupplierSnapshots()));

supplierSnapshotsContract('the file-backed', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'supplier-contract-'));
  directories.push(dir);
  return openFileSupplierSnapshots(dir);
});
