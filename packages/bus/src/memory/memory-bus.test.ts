import { busContract, type ContractTarget } from '../contract/bus-contract.js';
import { testLogger } from '../contract/fixtures.js';
import { createMemoryBus } from './memory-bus.js';

const target: ContractTarget = {
  create: (options) => createMemoryBus({ ...options, logger: testLogger }),
  settleMs: 0,
};

busContract('memory', target);
