import { describeApiKeyContract } from './api-keys.contract.js';
import { createMemoryApiKeys } from './memory-api-keys.js';

describeApiKeyContract('memory', () => Promise.resolve(createMemoryApiKeys()));
