// The fault suite's one reader of the environment: which size to run and where results go.
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** Sizes of one run: the bounded form runs inside `npm test`, the full form in `npm run test:faults`. */
export interface FaultSizes {
  readonly name: 'ci' | 'full';
  /** Input events generated for the trust-engine faults. */
  readonly events: number;
  /** Customers of the generated portfolio. */
  readonly customers: number;
  /** SIGKILLs of an engine process over the event set. */
  readonly kills: number;
  /** Engine processes joining and leaving during the rebalance storm. */
  readonly stormSteps: number;
  /** How long Redis stays frozen under load, in ms. */
  readonly outageMs: number;
  /** Healthy records in the poison run. */
  readonly poisonRecords: number;
  /** One poison record after every this many healthy ones (1,000 in the full form). */
  readonly poisonEvery: number;
  /** fast-check runs per hostile-input property; also valid events and near-misses per generated type. */
  readonly propertyRuns: number;
  /** Customers whose trust change fires an alert, per alerter process started in the delivery fault. */
  readonly alertCustomers: number;
  /** SIGKILLs of the alerter process between a send and its record. */
  readonly alertCrashes: number;
  /** Budget of one fault test, and of any single wait inside it, in ms. */
  readonly timeoutMs: number;
}

// Every kill costs about one consumer session timeout (30 s) before the group hands the dead member's
// partitions on, so the bounded form keeps kills few and lets the full form carry the statistics.
const SIZES: Record<FaultSizes['name'], FaultSizes> = {
  ci: {
    name: 'ci',
    events: 1_000,
    customers: 12,
    kills: 2,
    stormSteps: 4,
    outageMs: 5_000,
    // One of each of the five poison kinds in a thousand records: the full form keeps 1 in 1,000.
    poisonRecords: 1_000,
    poisonEvery: 200,
    propertyRuns: 200,
    alertCustomers: 4,
    // Each crash leaves the units the process had claimed leased for the alerter's 120 s: one in the
    // bounded form, three in the full.
    alertCrashes: 1,
    timeoutMs: 900_000,
  },
  full: {
    name: 'full',
    events: 10_000,
    customers: 200,
    kills: 50,
    stormSteps: 12,
    outageMs: 60_000,
    poisonRecords: 20_000,
    poisonEvery: 1_000,
    propertyRuns: 2_000,
    alertCustomers: 20,
    alertCrashes: 3,
    timeoutMs: 7_200_000,
  },
};

const schema = z.object({
  TRUSTWATCH_FAULTS_SIZE: z.enum(['ci', 'full']).default('ci'),
  TRUSTWATCH_FAULTS_SEED: z.coerce.number().int().nonnegative().default(20181004),
});

const env = schema.parse(process.env);

/** The sizes chosen by TRUSTWATCH_FAULTS_SIZE (`ci` unless set to `full`). */
export const SIZES_IN_USE: FaultSizes = SIZES[env.TRUSTWATCH_FAULTS_SIZE];

/** Seed of every generator in the suite (TRUSTWATCH_FAULTS_SEED): one seed, one event set. */
export const SEED: number = env.TRUSTWATCH_FAULTS_SEED;

/** The repository root (engine builds, infra jars). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Where each fault writes its figure: one JSON file per fault and size, merged into RELIABILITY.md. */
export const RESULTS_DIR = fileURLToPath(new URL(`./results/${SIZES_IN_USE.name}/`, import.meta.url));

/** PATH handed to child processes (engines, redis-server, the broker's JVM); nothing else leaks into them. */
export const CHILD_PATH: string = process.env['PATH'] ?? '/usr/bin:/bin';

/** Environment of the `npm audit` child: PATH and HOME only (npm reads its config from HOME). */
export const NPM_ENV: Readonly<Record<string, string>> = {
  PATH: CHILD_PATH,
  HOME: process.env['HOME'] ?? '/root',
};

/**
 * What is left of one fault test's budget for a wait inside it, less a minute: the wait then fails with
 * its own report before the test's timeout cuts it off without one.
 */
export function budgetLeft(startedAt: number): number {
  return Math.max(10_000, SIZES_IN_USE.timeoutMs - (Date.now() - startedAt) - 60_000);
}
