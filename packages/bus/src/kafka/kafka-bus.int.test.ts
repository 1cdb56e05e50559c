import { integrationTargets } from '@trustwatch/testing';
import { busContract, type ContractTarget } from '../contract/bus-contract.js';
import { testLogger } from '../contract/fixtures.js';
import { createKafkaBus } from './kafka-bus.js';

// Short heartbeats so a joining member is assigned partitions within a second or two.
const target: ContractTarget = {
  create: (options) =>
    createKafkaBus({
      ...options,
      brokers: integrationTargets().kafkaBrokers,
      clientId: 'bus-contract',
      logger: testLogger,
      consumer: { heartbeatIntervalMs: 300, sessionTimeoutMs: 6_000, autoCommitIntervalMs: 200 },
    }),
  settleMs: 4_000,
};

busContract('kafka', target);
