import { readFile } from 'node:fs/promises';
import {
  buildApp,
  createMemoryAlertPort,
  createMemoryCustomerDirectory,
  createMemoryDeliveryLog,
  createMemoryNamedStore,
  createMemorySilencePort,
  issueApiKey,
  createMemoryApiKeyStore,
  type Receiver,
  type Rule,
  type ZodApp,
} from '@trustwatch/api';
import { factorId, type Factor, type ScoreSummary, type TrustChanged } from '@trustwatch/schemas';
import { DEFAULT_POLICY_URL, parsePolicy } from '@trustwatch/scoring';
import { createMemoryTrustStore, type TrustStore } from '@trustwatch/store';

const DAY = 86_400_000;
const POLICY = '2026.11.1';
// The Big Hack report and the Supermicro BMC advisory: the kind of evidence account managers follow.
const BIG_HACK =
  'https://www.bloomberg.com/news/features/2018-10-04/the-big-hack-how-china-used-a-tiny-chip-to-infiltrate-america-s-top-companies';
const BMC_ADVISORY = 'https://nvd.nist.gov/vuln/detail/CVE-2024-10237';

const iso = (ms: number) => new Date(ms).toISOString();
const band = (score: number) =>
  score < 40 ? 'critical' : score < 60 ? 'warning' : score < 80 ? 'watch' : null;

function summary(customerId: string, at: number, vendors: Record<string, number>): ScoreSummary {
  const overall = Math.min(...Object.values(vendors));
  return {
    customerId,
    at: iso(at),
    overall: { score: overall, band: band(overall) },
    vendors: Object.entries(vendors).map(([vendorId, score]) => ({
      vendorId,
      score,
      band: band(score),
      factorCount: 1,
    })),
    factorCount: Object.keys(vendors).length,
    policyVersion: POLICY,
  };
}

/** A trust change as the engine records it, with `outlet` naming its source so a test can find it. */
export function trustChange(
  customerId: string,
  at: number,
  before: number,
  after: number,
  outlet: string,
): TrustChanged {
  return {
    customerId,
    at: iso(at),
    overall: { before, after },
    vendors: [{ vendorId: 'supermicro', before, after }],
    factors: [],
    omittedFactorCount: 0,
    crossings: [],
    evidence: [{ url: BIG_HACK, outlet }],
    policyVersion: POLICY,
    causeEventIds: [`evt-${outlet.replace(/\W+/g, '-').toLowerCase()}`],
  };
}

function factor(customerId: string, vendorId: string, at: number, url: string, summaryText: string): Factor {
  return {
    id: factorId('news_allegation', customerId, url),
    kind: 'news_allegation',
    scope: { level: 'entity', entity: { kind: 'vendor', id: vendorId }, vendorId },
    severity: 0.6,
    credibility: 0.5,
    occurredAt: iso(at),
    halfLifeHours: null,
    status: 'active',
    evidence: { eventIds: [`evt-${vendorId}`], urls: [url], outlets: [] },
    reassessments: [],
    summary: summaryText,
    origin: 'customer',
    customerId,
    exposure: 0.6,
    vendorExposure: 1,
  };
}

/** Writes a month of scores for one customer: each step a summary, a feed entry and (last) a factor. */
async function seedScores(
  store: TrustStore,
  customerId: string,
  now: number,
  steps: readonly Record<string, number>[],
) {
  for (const [i, vendors] of steps.entries()) {
    const at = now - (steps.length - i) * 5 * DAY;
    const overall = Math.min(...Object.values(vendors));
    const previous = i === 0 ? 100 : Math.min(...Object.values(steps[i - 1] ?? vendors));
    const last = i === steps.length - 1;
    await store.applyMany([
      {
        customerId,
        eventId: `seed-${customerId}-${String(i)}`,
        version: at,
        factors: last
          ? [
              factor(
                customerId,
                'supermicro',
                at,
                BIG_HACK,
                'Report alleges spy chips on Supermicro motherboards',
              ),
              factor(
                customerId,
                'supermicro',
                at,
                BMC_ADVISORY,
                'Supermicro BMC firmware advisory CVE-2024-10237',
              ),
            ]
          : [],
        summary: summary(customerId, at, vendors),
        change: trustChange(customerId, at, previous, overall, `Seed report ${String(i + 1)}`),
      },
    ]);
  }
}

/** The dashboard's demo world: two customers with scores, a fleet, an alert, and keys per role. */
export interface DashboardWorld {
  readonly app: ZodApp;
  readonly store: TrustStore;
  readonly keys: { readonly security: string; readonly manager: string };
}

/** Builds the API over the memory store seeded for the dashboard, serving the bundle in `dashboardDir`. */
export async function buildDashboardWorld(dashboardDir: string, now: number): Promise<DashboardWorld> {
  const store = createMemoryTrustStore();
  await seedScores(store, 'acme', now, [
    { supermicro: 96, dell: 98 },
    { supermicro: 88, dell: 97 },
    { supermicro: 74, dell: 96 },
    { supermicro: 62, dell: 95 },
  ]);
  await seedScores(store, 'globex', now, [{ dell: 93 }, { dell: 91 }, { dell: 90 }]);
  await store.replaceFleet(
    'acme',
    ['r01', 'r02', 'r03'].map((rack) => ({
      id: `acme-${rack}`,
      vendor: 'supermicro',
      model: 'X11DPi-NT',
      components: [{ id: 'BMC', kind: 'bmc', version: rack === 'r03' ? '1.73.06' : '1.74.11', hashes: [] }],
    })),
    now,
  );
  const apiKeys = createMemoryApiKeyStore();
  const issue = async (subject: string, role: 'security' | 'account_manager') =>
    (await issueApiKey(apiKeys, { name: subject, subject, role }, new Date(now))).key;
  const alerts = createMemoryAlertPort([
    {
      alert: {
        labels: { customer: 'acme', vendor: 'supermicro', rule: 'vendor-below-watch', severity: 'warning' },
        fingerprint: 'a1b2c3d4e5f60718',
        status: 'firing',
        startsAt: iso(now - 2 * 3_600_000),
        summary: 'Trust in Supermicro for Acme Corp fell below 80',
        score: { before: 88, after: 62 },
        factors: [],
        evidence: [{ url: BIG_HACK, outlet: 'Bloomberg' }],
        dashboardUrl: 'https://trustwatch.example/#/customers/acme',
      },
      acknowledged: null,
    },
  ]);
  const app = await buildApp({
    store,
    customers: createMemoryCustomerDirectory([
      { id: 'acme', name: 'Acme Corp', accountManagers: ['dana'] },
      { id: 'globex', name: 'Globex', accountManagers: [] },
    ]),
    apiKeys,
    policy: parsePolicy(await readFile(DEFAULT_POLICY_URL, 'utf8')),
    alerts,
    silences: createMemorySilencePort(),
    receivers: createMemoryNamedStore<Receiver>([]),
    rules: createMemoryNamedStore<Rule>([]),
    deliveries: createMemoryDeliveryLog(),
    dashboardDir,
    // A short poll so a new feed entry reaches the open page within a fraction of a second.
    limits: { livePollMs: 100 },
  });
  return {
    app,
    store,
    keys: { security: await issue('soc', 'security'), manager: await issue('dana', 'account_manager') },
  };
}
