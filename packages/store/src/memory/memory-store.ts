import {
  bindSharedFactor,
  factorExposureSchema,
  factorSchema,
  scoreSummarySchema,
  sharedFactorSchema,
} from '@trustwatch/schemas';
import type { Factor, ScoreSummary, SharedFactor, TrustChanged } from '@trustwatch/schemas';
import {
  checkEffects,
  checkPosition,
  chunks,
  noConflict,
  progressPlan,
  type ProgressPlan,
} from '../effects.js';
import { checkFeedQuery, compareStreamIds } from '../feed-cursor.js';
import {
  assertUniqueIds,
  assetJson,
  componentIndex,
  diffFleets,
  vendorCounts,
  vendorShares,
} from '../fleet/fleet-index.js';
import { StoreError } from '../errors.js';
import { catalogField, componentField, parseComponentField } from '../keys.js';
import { selectPublished } from './catalog-select.js';
import {
  DEFAULT_LIMITS,
  type ApplyExtras,
  type ApplyOutcome,
  type Asset,
  type CustomerEffects,
  type CustomerSnapshot,
  type FeedPage,
  type FanOutResult,
  type FeedQuery,
  type FleetChange,
  type KafkaPosition,
  type ObservedAssetChange,
  type PublishedFirmware,
  type StoreLimits,
  type SupplierLink,
  type TrustStore,
  type VendorExposure,
} from '../port.js';
import { emptyCustomerState, type CustomerState, type StoredExposure } from './customer-state.js';
import { deepFreeze, readStored, type StoredJson } from './stored-json.js';
import { applyToState } from './apply-effects.js';
import { memoryAssetSnapshots } from './asset-snapshots.js';
import { forgetObserved, upsertObservedInMemory } from './observed-asset.js';
import { memoryVendorCatalog } from './vendor-catalog.js';
import { memoryPendingAnswers } from './pending-answers.js';
import { checkHistoryQuery, listKnownCustomers } from './read-queries.js';

export interface MemoryStoreOptions {
  readonly limits?: Partial<StoreLimits>;
  /** Clock for feed ids, feed age and dedupe expiry (ms); injected so tests are deterministic. */
  readonly now?: () => number;
}

/**
 * The embedded default: the whole store in one process's memory, with the Redis adapter's semantics
 * (dedupe, version checks, caps, cursors). Data is lost when the process exits.
 */
// Runs a synchronous body so that a throw becomes a rejected promise, as an async adapter's would.
function run<T>(body: () => T): Promise<T> {
  return new Promise((resolve) => resolve(body()));
}

export function createMemoryTrustStore(options: MemoryStoreOptions = {}): TrustStore {
  const limits: StoreLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const now = options.now ?? Date.now;
  const customers = new Map<string, CustomerState>();
  const vendorCustomers = new Map<string, Map<string, number>>();
  const suppliers = new Map<string, Map<string, SupplierLink>>();
  const sharedFactors = new Map<string, StoredJson<SharedFactor> & { readonly v: number }>();
  const vendorCatalog = memoryVendorCatalog(sharedFactors);
  const pendingAnswers = memoryPendingAnswers(limits.dedupeTtlMs, now);
  const catalog = new Map<string, Map<string, string>>();
  const topicProgress = new Map<string, Map<number, string>>();
  // Reads create empty per-customer state, so `customers` also holds ids nothing was written for; the
  // listing follows this set instead: customers with a fleet or a summary, as the Redis index holds.
  const known = new Set<string>();

  const state = (customerId: string): CustomerState => {
    let s = customers.get(customerId);
    if (s === undefined) {
      s = emptyCustomerState();
      customers.set(customerId, s);
    }
    return s;
  };

  function applyOne(effects: CustomerEffects): ApplyOutcome {
    return applyToState(state(effects.customerId), effects, limits, now(), (id) => known.add(id));
  }

  function replaceFleet(customerId: string, assets: readonly Asset[], version: number): FleetChange {
    const duplicate = assertUniqueIds(assets);
    if (duplicate !== null) throw new StoreError('INVALID_FLEET', `asset id ${duplicate} appears twice`);
    const s = state(customerId);
    if (s.fleetVersion !== null && s.fleetVersion > version) {
      return { customerId, added: [], removed: [], changed: [], vendorsAffected: [], applied: false };
    }
    const change = diffFleets(customerId, new Map(s.assets), s.vendors, assets);
    s.assets.clear();
    for (const asset of assets) s.assets.set(asset.id, assetJson(asset));
    s.components = componentIndex(assets);
    s.fleetVersion = version;
    forgetObserved(s, change.removed);
    const counts = vendorCounts(assets);
    indexVendors(customerId, s.vendors, counts);
    s.vendors = counts;
    known.add(customerId);
    return change;
  }

  // The vendor -> customers index with each vendor's share of the fleet, as the Redis adapter keeps it.
  function indexVendors(
    customerId: string,
    previous: Readonly<Record<string, number>>,
    counts: Readonly<Record<string, number>>,
  ): void {
    for (const vendor of Object.keys(previous)) vendorCustomers.get(vendor)?.delete(customerId);
    for (const [vendor, share] of vendorShares(counts)) {
      const map = vendorCustomers.get(vendor) ?? new Map<string, number>();
      map.set(customerId, share);
      vendorCustomers.set(vendor, map);
    }
  }

  function upsertObserved(customerId: string, observed: Asset, version: number): ObservedAssetChange {
    const s = state(customerId);
    const previous = s.vendors;
    const change = upsertObservedInMemory(s, customerId, observed, version);
    if (change.added.length > 0) indexVendors(customerId, previous, s.vendors);
    if (change.applied) known.add(customerId);
    return change;
  }

  function putShared(factor: SharedFactor, version: number): boolean {
    if (!Number.isSafeInteger(version))
      throw new StoreError('INVALID_ARGUMENT', 'version must be an integer');
    const stored = sharedFactors.get(factor.id);
    if (stored !== undefined && stored.v > version) return false;
    sharedFactors.set(factor.id, { json: JSON.stringify(factor), v: version });
    vendorCatalog.indexShared(factor);
    return true;
  }

  function recordProgress(position: KafkaPosition): void {
    checkPosition(position);
    const map = topicProgress.get(position.topic) ?? new Map<number, string>();
    const stored = map.get(position.partition);
    if (stored === undefined || BigInt(stored) < BigInt(position.offset))
      map.set(position.partition, position.offset);
    topicProgress.set(position.topic, map);
  }

  // Records the call's position: always for `progress`, for `progressIfClean` only without a conflict.
  function settle(plan: ProgressPlan | undefined, outcomes: readonly ApplyOutcome[]): boolean {
    if (plan === undefined || (plan.ifClean && !noConflict(outcomes))) return false;
    recordProgress(plan.position);
    return true;
  }

  function fanOut(
    customerIds: readonly string[],
    compute: (snapshots: readonly CustomerSnapshot[]) => readonly CustomerEffects[],
    extras: ApplyExtras,
  ): FanOutResult {
    const plan = progressPlan(extras);
    for (const { factor, version } of extras.shared ?? []) putShared(factor, version);
    const outcomes: ApplyOutcome[] = [];
    for (const part of chunks(customerIds, limits.chunkSize)) {
      const snapshots = part.map(snapshotOf);
      const revisions = new Map(snapshots.map((s) => [s.customerId, s.revision]));
      for (const effects of compute(snapshots)) {
        const expectedRevision = effects.expectedRevision ?? revisions.get(effects.customerId);
        outcomes.push(applyOne(expectedRevision === undefined ? effects : { ...effects, expectedRevision }));
      }
    }
    return { outcomes, progressRecorded: settle(plan, outcomes) };
  }

  // Stored values are parsed once and shared (frozen) between reads; see stored-json.ts. The sorted
  // list is kept too, for as long as neither the customer's entries nor the shared factors it binds
  // were rewritten (a put replaces the entry object, so identity tells).
  function factorsOf(customerId: string): Factor[] {
    const s = state(customerId);
    const read = s.factorsRead;
    if (read !== null && sameSources(s, read.sources)) return [...read.list];
    const sources = [...s.shared.keys()].map((factorId) => sharedFactors.get(factorId));
    const list = readFactors(s);
    s.factorsRead = { list, sources };
    return [...list];
  }

  function sameSources(s: CustomerState, sources: readonly unknown[]): boolean {
    let i = 0;
    for (const factorId of s.shared.keys()) {
      if (sharedFactors.get(factorId) !== sources[i]) return false;
      i += 1;
    }
    return true;
  }

  function readFactors(s: CustomerState): Factor[] {
    const own = [...s.factors.values()].map((entry) => readStored(entry, factorSchema));
    const bound: Factor[] = [];
    for (const entry of s.shared.values()) {
      const exposure = readStored(entry, factorExposureSchema);
      const stored = sharedFactors.get(exposure.factorId);
      if (stored !== undefined) bound.push(boundFactor(entry, readStored(stored, sharedFactorSchema)));
    }
    return [...own, ...bound].sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  // A rewrite of either side replaces its entry (and so its parsed object), which rebinds here.
  function boundFactor(entry: StoredExposure, shared: SharedFactor): Factor {
    if (entry.bound?.shared !== shared) {
      const exposure = readStored(entry, factorExposureSchema);
      entry.bound = { shared, factor: deepFreeze(bindSharedFactor(shared, exposure)) };
    }
    return entry.bound.factor;
  }

  function snapshotOf(customerId: string): CustomerSnapshot {
    return {
      customerId,
      factors: factorsOf(customerId),
      summary: summaryOf(customerId),
      revision: state(customerId).revision,
    };
  }

  function summaryOf(customerId: string): ScoreSummary | null {
    const summary = state(customerId).summary;
    return summary === null ? null : readStored(summary, scoreSummarySchema);
  }

  return {
    replaceFleet: (customerId, assets, version) => run(() => replaceFleet(customerId, assets, version)),
    upsertObservedAsset: (customerId, observed, version) =>
      run(() => upsertObserved(customerId, observed, version)),
    getFleet: (customerId) =>
      Promise.resolve([...state(customerId).assets.values()].map((json) => JSON.parse(json) as Asset)),
    assetInFleet: (customerId, assetId) => {
      const s = state(customerId);
      const json = s.assets.get(assetId);
      const asset = json === undefined ? null : (JSON.parse(json) as Asset);
      return Promise.resolve({ asset, vendorCounts: { ...s.vendors } });
    },
    findAssets: (customerId, vendor, model, component, version) =>
      Promise.resolve([
        ...(state(customerId).components.get(componentField(vendor, model, component, version)) ?? []),
      ]),
    // Reading ahead (the lookup's option) saves round trips; here every read is free.
    customersOfVendor: (vendorId): Promise<VendorExposure[]> =>
      Promise.resolve(
        [...(vendorCustomers.get(vendorId) ?? new Map<string, number>())]
          .map(([customerId, share]) => ({ customerId, share }))
          .sort((a, b) => (a.customerId < b.customerId ? -1 : 1)),
      ),
    linkSupplier(link, present) {
      const map = suppliers.get(link.supplierId) ?? new Map<string, SupplierLink>();
      const field = `${link.vendorId}|${link.category}`;
      if (present) map.set(field, { ...link });
      else map.delete(field);
      suppliers.set(link.supplierId, map);
      return Promise.resolve();
    },
    vendorsOfSupplier: (supplierId, category) =>
      Promise.resolve(
        [...(suppliers.get(supplierId)?.values() ?? [])]
          .filter((l) => category === undefined || l.category === category)
          .sort((a, b) => (a.vendorId + a.category < b.vendorId + b.category ? -1 : 1)),
      ),
    publishFirmware(entry) {
      const map = catalog.get(entry.vendor) ?? new Map<string, string>();
      map.set(
        catalogField(entry.model, entry.component, entry.version, entry.softwareId),
        JSON.stringify(entry),
      );
      catalog.set(entry.vendor, map);
      return Promise.resolve();
    },
    publishedFirmware: (vendor, model, component) =>
      Promise.resolve(
        selectPublished(
          [...(catalog.get(vendor)?.values() ?? [])].map((json) => JSON.parse(json) as PublishedFirmware),
          model,
          component,
        ),
      ),
    ...memoryAssetSnapshots(),
    sharedFactorsOfVendor: vendorCatalog.sharedFactorsOfVendor,
    putAdvisory: vendorCatalog.putAdvisory,
    advisoriesOfVendor: vendorCatalog.advisoriesOfVendor,
    putPendingAnswer: pendingAnswers.putPendingAnswer,
    pendingAnswers: pendingAnswers.pendingAnswers,
    putSharedFactor: (factor, version) => run(() => putShared(factor, version)),
    getSharedFactor(factorId) {
      const stored = sharedFactors.get(factorId);
      return Promise.resolve(stored === undefined ? null : readStored(stored, sharedFactorSchema));
    },
    applyMany: (effects, extras = {}) =>
      run(() => {
        // Check everything first, as the Redis adapter does before sending: all or nothing is refused.
        effects.forEach(checkEffects);
        const plan = progressPlan(extras);
        for (const { factor, version } of extras.shared ?? []) putShared(factor, version);
        const outcomes = effects.map(applyOne);
        settle(plan, outcomes);
        return outcomes;
      }),
    fanOutWithProgress: (customerIds, compute, extras = {}) =>
      run(() => fanOut(customerIds, compute, extras)),
    fanOut: (customerIds, compute, extras = {}) => run(() => fanOut(customerIds, compute, extras).outcomes),
    recordProgress: (position: KafkaPosition) => run(() => recordProgress(position)),
    resumeOffsets: (topic) =>
      Promise.resolve(
        new Map([...(topicProgress.get(topic) ?? [])].map(([p, offset]) => [p, String(BigInt(offset) + 1n)])),
      ),
    loadCustomers: (customerIds) => run(() => customerIds.map(snapshotOf)),
    listComponents: (customerId) =>
      run(() =>
        [...state(customerId).components].flatMap(([field, assetIds]) => {
          const parts = parseComponentField(field);
          return parts === null ? [] : [{ ...parts, assetIds: [...assetIds] }];
        }),
      ),
    getFactors: (customerId) => run(() => factorsOf(customerId)),
    getSummary: (customerId) => run(() => summaryOf(customerId)),
    summaryAsOf(customerId, at) {
      const found = state(customerId)
        .history.filter((h) => h.at <= at)
        .at(-1);
      return Promise.resolve(found === undefined ? null : scoreSummarySchema.parse(JSON.parse(found.json)));
    },
    summaryHistory: (customerId, query) =>
      run(() => {
        checkHistoryQuery(query);
        return state(customerId)
          .history.filter((h) => h.at >= query.from && h.at <= query.to)
          .reverse()
          .slice(0, query.limit)
          .map((h) => scoreSummarySchema.parse(JSON.parse(h.json)));
      }),
    listCustomers: (query) => run(() => listKnownCustomers(known, query)),
    knowsCustomer: (customerId) => Promise.resolve(known.has(customerId)),
    feed: (customerId, query) => run(() => feedPage(customerId, query)),
    feedEntry: (customerId, feedId) =>
      run(() => {
        checkFeedQuery({ limit: 1, before: feedId });
        const entry = state(customerId).feed.find((e) => e.id === feedId);
        return entry === undefined ? null : (JSON.parse(entry.json) as TrustChanged);
      }),
    appliedEvent: (customerId, eventId) =>
      run(() => {
        const marker = state(customerId).dedupe.get(eventId);
        return marker === undefined || marker.expiry <= now() ? null : { feedId: marker.feedId };
      }),
    close: () => Promise.resolve(),
  };

  function feedPage(customerId: string, query: FeedQuery): FeedPage {
    checkFeedQuery(query);
    const entries = state(customerId).feed;
    const toEntry = (e: { id: string; json: string }) => ({
      id: e.id,
      change: JSON.parse(e.json) as TrustChanged,
    });
    if (query.since !== undefined) {
      const since = query.since;
      const page = entries.filter((e) => compareStreamIds(e.id, since) > 0).slice(0, query.limit);
      return { entries: page.map(toEntry), next: page.at(-1)?.id ?? since };
    }
    const before = query.before;
    const older = before === undefined ? entries : entries.filter((e) => compareStreamIds(e.id, before) < 0);
    const page = older.slice(-query.limit).reverse();
    // Null once nothing older is left, so a full last page does not send the reader to an empty one.
    const more = older.length > page.length;
    return { entries: page.map(toEntry), next: more ? (page.at(-1)?.id ?? null) : null };
  }
}
