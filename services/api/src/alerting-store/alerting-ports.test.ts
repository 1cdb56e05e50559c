import { createMemoryAlertingStore } from '@trustwatch/store';
import { describe } from 'vitest';
import { alertingPortsScenario, outboxUnits } from './alerting-ports.scenario.js';

describe('alerting ports over the memory alerting store', () => {
  alertingPortsScenario('memory', () =>
    Promise.resolve({
      store: createMemoryAlertingStore(),
      // The memory outbox lives in the alerter; a listing of its units is all the delivery log reads.
      outbox: { list: () => Promise.resolve(outboxUnits('acme')) },
    }),
  );
});
