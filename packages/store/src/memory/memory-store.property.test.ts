import { describe } from 'vitest';
import { idempotenceProperty } from '../contract/idempotence.property.js';
import { modelBasedProperty } from '../contract/model-based.property.js';
import { createMemoryTrustStore } from './memory-store.js';

describe('memory trust store properties', () => {
  idempotenceProperty('memory', (now) => Promise.resolve(createMemoryTrustStore({ now })), 200);
  modelBasedProperty(
    'memory',
    (feedMaxEntries) => Promise.resolve(createMemoryTrustStore({ limits: { feedMaxEntries, chunkSize: 1 } })),
    200,
  );
});
