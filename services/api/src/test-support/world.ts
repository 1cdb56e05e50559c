import { factorId, type Alert, type Factor, type ScoreSummary, type TrustChanged } from '@trustwatch/schemas';
import { createMemoryTrustStore, type TrustStore } from '@trustwatch/store';
import { buildApp } from '../app.js';
import { issueApiKey } from '../auth/api-keys.js';
import { loadPolicyFile } from '../bootstrap.js';
import type { Role } from '../auth/principal.js';
import type { AppDeps, ZodApp } from '../deps.js';
import {
  createMemoryAlertPort,
  createMemoryDeliveryLog,
  createMemoryNamedStore,
  createMemorySilencePort,
} from '../memory/memory-alerting.js';
import { createMemoryApiKeyStore } from '../memory/memory-api-keys.js';
import { createMemoryCustomerDirectory } from '../memory/memory-customers.js';
import type { Receiver, Rule } from '../ports/alerting.js';

/** The fixed clock of route tests: 2026-11-01. */
export const NOW = Date.parse('2026-11-01T00:00:00Z');
export const iso = (ms: number): string => new Date(ms).toISOString();

export function summary(customerId: string, atMs: number, score: number, vendorId: string): ScoreSummary {
  return {
    customerId,
    at: iso(atMs),
    overall: { score, band: null },
    vendors: [{ vendorId, score, band: null, factorCount: 1 }],
    factorCount: 1,
    policyVersion: '2026.11.1',
  };
}

export function change(customerId: string, atMs: number, vendorId: string, marker: string): TrustChanged {
  return {
    customerId,
    at: iso(atMs),
    overall: { before: 100, after: 80 },
    vendors: [{ vendorId, before: 100, after: 60 }],
    factors: [],
    omittedFactorCount: 0,
    crossings: [],
    evidence: [{ url: `https://news.example/${marker}`, outlet: marker }],
    policyVersion: '2026.11.1',
    causeEventIds: [`evt-${marker}`],
  };
}

export function factor(customerId: string, vendorId: string, marker: string, atMs: number): Factor {
  return {
    id: factorId('firmware_unknown_build', customerId, marker),
    kind: 'firmware_unknown_build',
    scope: { level: 'entity', entity: { kind: 'firmware', id: `bmc-${marker}` }, vendorId },
    severity: 0.8,
    credibility: 1,
    occurredAt: iso(atMs),
    halfLifeHours: null,
    status: 'active',
    evidence: { eventIds: [`evt-${marker}`], urls: [`https://evidence.example/${marker}`], outlets: [] },
    reassessments: [],
    summary: `BMC of ${marker} runs an unpublished image`,
    origin: 'customer',
    customerId,
    exposure: 0.5,
    vendorExposure: 1,
  };
}

export function alert(customer: string, fingerprint: string): Alert {
  return {
    labels: { customer, rule: 'overall-below-warning', severity: 'warning' },
    fingerprint,
    status: 'firing',
    startsAt: iso(NOW - 3_600_000),
    summary: `Trust for ${customer} fell below 60`,
    score: { before: 100, after: 55 },
    factors: [],
    evidence: [],
    dashboardUrl: `https://trustwatch.example/customers/${customer}`,
  };
}

/** Writes a customer's score, history, factor and feed entries (each carries `marker` in its data). */
export async function seedCustomer(
  store: TrustStore,
  customerId: string,
  vendorId: string,
  marker: string,
): Promise<void> {
  for (const [i, score] of [90, 70].entries()) {
    await store.applyMany([
      {
        customerId,
        eventId: `evt-${marker}-${String(i)}`,
        version: NOW - 86_400_000 * (2 - i),
        factors: i === 1 ? [factor(customerId, vendorId, marker, NOW - 86_400_000)] : [],
        summary: summary(customerId, NOW - 86_400_000 * (2 - i), score, vendorId),
        change: change(customerId, NOW - 86_400_000 * (2 - i), vendorId, marker),
      },
    ]);
  }
  await store.replaceFleet(
    customerId,
    ['a', 'b'].map((suffix) => ({
      id: `asset-${marker}-${suffix}`,
      vendor: vendorId,
      model: `X11-${marker}-${suffix}`,
      components: [{ id: 'BMC', kind: 'bmc', version: `1.0-${suffix}`, hashes: [] }],
    })),
    NOW,
  );
}

export interface World {
  readonly app: ZodApp;
  readonly deps: AppDeps;
  readonly store: TrustStore;
  /** One API key per principal of the test world. */
  readonly keys: Readonly<Record<'admin' | 'security' | 'alice' | 'bob', string>>;
  readonly alerts: ReturnType<typeof createMemoryAlertPort>;
}

/**
 * Two tenants: `acme` (assigned to account manager alice, vendor supermicro) and `globex` (assigned to
 * bob, vendor dell), each with its own score, history, factor, feed, fleet and alert.
 */
export async function buildWorld(overrides: Partial<AppDeps> = {}): Promise<World> {
  const store = overrides.store ?? createMemoryTrustStore({ now: () => NOW });
  await seedCustomer(store, 'acme', 'supermicro', 'acme-marker');
  await seedCustomer(store, 'globex', 'dell', 'globex-marker');
  const apiKeys = overrides.apiKeys ?? createMemoryApiKeyStore();
  const issue = async (subject: string, role: Role) =>
    (await issueApiKey(apiKeys, { name: subject, subject, role }, new Date(NOW))).key;
  const alerts = createMemoryAlertPort([
    { alert: alert('acme', 'a0a0a0a0a0a0a0a0'), acknowledged: null },
    { alert: alert('globex', 'b0b0b0b0b0b0b0b0'), acknowledged: null },
  ]);
  const deps: AppDeps = {
    store,
    customers: createMemoryCustomerDirectory([
      { id: 'acme', name: 'Acme Corp', accountManagers: ['alice'] },
      { id: 'globex', name: 'Globex', accountManagers: ['bob'] },
    ]),
    apiKeys,
    policy: await loadPolicyFile(),
    alerts,
    silences: createMemorySilencePort(() => NOW),
    receivers: createMemoryNamedStore<Receiver>([
      { name: 'sec-slack', kind: 'slack', endpoint: 'https://hooks.slack.example/T0/B0/secret-token' },
    ]),
    rules: createMemoryNamedStore<Rule>([]),
    deliveries: createMemoryDeliveryLog(),
    now: () => NOW,
    ...overrides,
  };
  const keys = {
    admin: await issue('root', 'admin'),
    security: await issue('soc', 'security'),
    alice: await issue('alice', 'account_manager'),
    bob: await issue('bob', 'account_manager'),
  };
  return { app: await buildApp(deps), deps, store, keys, alerts };
}
