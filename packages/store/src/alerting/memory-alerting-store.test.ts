import { alertingStoreContract } from './alerting-store.contract.js';
import { createMemoryAlertingStore } from './memory-alerting-store.js';

alertingStoreContract('memory', () => Promise.resolve(createMemoryAlertingStore()));
