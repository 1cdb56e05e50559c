import { createMemoryOutbox } from './memory-outbox.js';
import { outboxContract } from './outbox.contract.js';

outboxContract('memory', () =>
  Promise.resolve({ outbox: createMemoryOutbox(), close: () => Promise.resolve() }),
);
