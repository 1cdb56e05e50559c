import { trustStoreContract } from '../contract/trust-store.contract.js';
import { createMemoryTrustStore } from './memory-store.js';

trustStoreContract('memory', ({ now, limits }) => Promise.resolve(createMemoryTrustStore({ now, limits })));
