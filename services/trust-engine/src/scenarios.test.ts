import { createMemoryBus } from '@trustwatch/bus';
import { createMemoryTrustStore } from '@trustwatch/store';
import { silentLog } from './test-support/harness.js';
import { defineScenarioSuite } from './test-support/scenario-suite.js';

defineScenarioSuite('trust engine on the embedded default (memory bus and store)', () => {
  const bus = createMemoryBus({ logger: silentLog });
  return Promise.resolve({
    bus,
    store: createMemoryTrustStore(),
    quietMs: 60,
    dispose: () => bus.close(),
  });
});
