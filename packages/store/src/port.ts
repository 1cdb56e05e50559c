import type {
  AdvisoryPublished,
  Factor,
  FactorExposure,
  ScoreSummary,
  SharedFactor,
  TrustChanged,
} from '@trustwatch/schemas';
import type {
  AppliedEvent,
  Asset,
  AssetInFleet,
  AssetSnapshotEntry,
  FleetChange,
  KafkaPosition,
  ObservedAssetChange,
  PendingAnswer,
  PublishedFirmware,
  ReadAheadOptions,
  SupplierLink,
  VendorExposure,
} from './port-records.js';

export * from './port-records.js';

/**
 * Everything one input event does to one customer, applied atomically and at most once.
 * `version` orders events (event time in ms): an older event never overwrites newer state.
 */
export interface CustomerEffects {
  readonly customerId: string;
  /** The idempotency key: CloudEvents `source` + `id`, joined by the caller. */
  readonly eventId: string;
  /** Event time, ms since the epoch. */
  readonly version: number;
  /** Customer-owned factors to upsert (origin `customer`). */
  readonly factors?: readonly Factor[];
  /** Shared factors to bind to this customer with its exposure. */
  readonly exposures?: readonly FactorExposure[];
  /** The customer's score after the event; replaces the current one unless a newer one is stored. */
  readonly summary?: ScoreSummary;
  /** The trust change to append to the customer's feed. */
  readonly change?: TrustChanged;
  /** The Kafka record this came from: recorded with the state it produced. */
  readonly position?: KafkaPosition;
  /**
   * Apply only if the customer is still at this revision (the `revision` of the snapshot the effects
   * were computed from); otherwise nothing is written and the outcome is `conflict`. Absent: apply
   * whatever the revision. `fanOut` fills it in from the snapshots it hands to `compute`.
   */
  readonly expectedRevision?: number;
}

/** Work carried in the same round trips as an applyMany. */
export interface ApplyExtras {
  /** Shared factors (with their version, event time in ms) the effects bind to. */
  readonly shared?: readonly { readonly factor: SharedFactor; readonly version: number }[];
  /** The last Kafka record of the batch: recorded after every effect of it. */
  readonly progress?: KafkaPosition;
  /**
   * The last Kafka record of the batch, recorded only if every customer of this call got its effects:
   * it rides with the last chunk's applies (no round trip of its own) and is dropped when any outcome
   * of the call is `conflict`, so a position never says a record was applied while a customer still
   * waits for its retry. A caller retrying the conflicts passes it again with the retry. Not together
   * with `progress`.
   */
  readonly progressIfClean?: KafkaPosition;
}

/** What {@link TrustStore.fanOutWithProgress} returns. */
export interface FanOutResult {
  readonly outcomes: ApplyOutcome[];
  /**
   * True when the call recorded its position: always with `extras.progress`, and with
   * `extras.progressIfClean` when no outcome is `conflict` (the store then holds that position or a
   * later one, written in the same round trip as the last applies). False otherwise, and without a
   * position: pass it again with the call that settles the conflicts (recording twice is harmless).
   */
  readonly progressRecorded: boolean;
}

/** Result of one customer's apply. */
export type ApplyOutcome =
  | {
      readonly status: 'applied';
      readonly customerId: string;
      readonly stale: number;
      readonly feedId: string | null;
    }
  | {
      /**
       * Another writer (a second engine instance) applied to the customer after the effects were
       * computed: nothing was written. Re-read the customer and compute again.
       */
      readonly status: 'conflict';
      readonly customerId: string;
      /** The customer's revision now. */
      readonly revision: number;
    }
  | {
      readonly status: 'duplicate';
      readonly customerId: string;
      /**
       * The feed entry the first application produced, if any: an engine that crashed after applying but
       * before publishing trust.changed reads it back and publishes it now (consumers dedupe by event id).
       */
      readonly feedId: string | null;
    };

/** One customer's scoring inputs, as loadCustomers returns them. */
export interface CustomerSnapshot {
  readonly customerId: string;
  readonly factors: readonly Factor[];
  readonly summary: ScoreSummary | null;
  /** Applied calls so far (0 for a new customer): pass it back as `expectedRevision`. */
  readonly revision: number;
}

/** One product/component/version of a customer's fleet and the assets running it. */
/** An advisory revision as filed: what it says and the event that carried it. */
export interface FiledAdvisory {
  readonly advisory: AdvisoryPublished;
  /** The `advisory.published` event's id: the evidence of the factors the advisory opens. */
  readonly eventId: string;
}

export interface ComponentEntry {
  readonly vendor: string;
  readonly model: string;
  readonly component: string;
  readonly version: string;
  readonly assetIds: readonly string[];
}

/**
 * One page of a customer's feed; pass `next` back as `cursor` for the following page. Paging back
 * (`before`), `next` is null on the last page, even a full one. Reading `since`, `next` is always the
 * position to poll from (the last entry's id, or the cursor given when nothing new arrived).
 */
export interface FeedPage {
  readonly entries: readonly { readonly id: string; readonly change: TrustChanged }[];
  readonly next: string | null;
}

/** A time window of a customer's score history. */
export interface HistoryQuery {
  /** Window start, ms since the epoch, inclusive. */
  readonly from: number;
  /** Window end, ms since the epoch, inclusive. */
  readonly to: number;
  /** At most this many summaries, 1..{@link MAX_READ_LIMIT}: the newest ones of the window. */
  readonly limit: number;
}

/** One page of the customers the store knows; pass `next` back as `cursor` for the following page. */
export interface CustomerPage {
  /** Customer ids in byte order (as Redis orders members of equal score). */
  readonly customerIds: readonly string[];
  /** Null on the last page. */
  readonly next: string | null;
}

export interface CustomerListQuery {
  /** 1..{@link MAX_READ_LIMIT}. */
  readonly limit: number;
  /** The `next` of the previous page: ids strictly after it. */
  readonly cursor?: string;
}

/** Largest page of any listing read (feed, history, customers): one bounded round trip each. */
export const MAX_READ_LIMIT = 1000;

export interface FeedQuery {
  readonly limit: number;
  /** Newest first, strictly older than this cursor. */
  readonly before?: string;
  /** Oldest first, strictly newer than this cursor (what arrived since the reader last looked). */
  readonly since?: string;
}

/**
 * The trust store port. Two adapters implement it: Redis (production) and memory (the embedded
 * default); both pass the contract suite in src/contract.
 */
export interface TrustStore {
  /** Replaces a customer's fleet in one atomic step; refused when `version` is older than the stored one. */
  replaceFleet(customerId: string, assets: readonly Asset[], version: number): Promise<FleetChange>;
  /**
   * Writes one observed asset (`firmware.observed`, `version` = observedAt in integer ms) into the fleet,
   * leaving every other asset alone. Refused (`applied: false`) when that asset's last observation is
   * newer, or when the fleet does not list it and the last import is newer. A known asset keeps the
   * fleet's vendor and model (the import's word) and takes the observation's components (the board's).
   */
  upsertObservedAsset(customerId: string, observed: Asset, version: number): Promise<ObservedAssetChange>;
  /** The customer's fleet. */
  getFleet(customerId: string): Promise<Asset[]>;
  /**
   * One asset of the customer's fleet and the fleet's assets per vendor, without reading the whole
   * fleet (a firmware change is scored on its asset's share; a fleet may hold thousands). `readAhead`: a
   * fan-out to this customer follows, so the adapter may read its state in the same round trip (the
   * Redis adapter does); only a saving, never a change in what the fan-out reads or writes.
   */
  assetInFleet(customerId: string, assetId: string, options?: ReadAheadOptions): Promise<AssetInFleet>;
  /** Asset ids running this exact product/component/version. */
  findAssets(
    customerId: string,
    vendor: string,
    model: string,
    component: string,
    version: string,
  ): Promise<string[]>;
  /**
   * The customers running a vendor, with the share of each fleet it makes. `readAhead`: a fan-out to
   * them follows right away, so the adapter may read their states in the same round trip (the Redis
   * adapter reads those the last such lookup of the vendor returned); only a saving, never a change in
   * what the fan-out reads or writes.
   */
  customersOfVendor(vendorId: string, options?: ReadAheadOptions): Promise<VendorExposure[]>;

  linkSupplier(link: SupplierLink, present: boolean): Promise<void>;
  /** Vendors buying from a supplier, optionally for one category only. */
  vendorsOfSupplier(supplierId: string, category?: string): Promise<SupplierLink[]>;

  /** Adds a build to the catalog, replacing the one with the same model, component, version and SoftwareId. */
  publishFirmware(entry: PublishedFirmware): Promise<void>;
  /**
   * The builds published for this model plus those published for {@link ANY_MODEL} (asking for
   * `ANY_MODEL` itself returns only the latter), sorted by version.
   */
  publishedFirmware(vendor: string, model: string, component: string): Promise<PublishedFirmware[]>;

  /**
   * Stores an asset's inventory unless a newer one is stored: writes when `version` (the snapshot's
   * `observedAt`, integer ms) is at least the stored one, so a redelivered snapshot rewrites the same
   * entry. Returns whether it wrote. The entry must describe this customer's asset.
   */
  putAssetSnapshot(
    customerId: string,
    assetId: string,
    entry: AssetSnapshotEntry,
    version: number,
  ): Promise<boolean>;
  /** The asset's last stored inventory, or null before its first snapshot. */
  getAssetSnapshot(customerId: string, assetId: string): Promise<AssetSnapshotEntry | null>;

  /** Stores a shared factor once; returns false when a newer version is already stored. */
  putSharedFactor(factor: SharedFactor, version: number): Promise<boolean>;
  getSharedFactor(factorId: string): Promise<SharedFactor | null>;
  /**
   * Every stored shared factor attributed to the vendor (`scope.vendorId`), by id: what a customer whose
   * re-imported fleet now includes the vendor must be bound to. Indexed when the factor is stored.
   */
  sharedFactorsOfVendor(vendorId: string): Promise<SharedFactor[]>;

  /**
   * Stores an advisory, replacing an earlier revision with the same `advisoryId`, filed under each
   * affected product's vendor id and vendor name (case-insensitive), so any engine instance can match
   * a later fleet change or upgrade against it.
   */
  putAdvisory(filed: FiledAdvisory): Promise<void>;
  /** Advisories naming the vendor (by id or name, case-insensitive) in an affected product, by id. */
  advisoriesOfVendor(vendor: string): Promise<FiledAdvisory[]>;

  /** Keeps an answer to a story whose claim is not stored yet, for `dedupeTtlMs` (as long as a redelivery). */
  putPendingAnswer(storyId: string, answer: PendingAnswer): Promise<void>;
  /** The answers kept for a story, by `answerId`. */
  pendingAnswers(storyId: string): Promise<PendingAnswer[]>;

  /**
   * Applies many customers' effects in chunks of at most `chunkSize` customers, one round trip per
   * chunk: a Kafka batch of 1:1 events is one round trip, a fan-out to N customers ceil(N/1000).
   * `extras.shared` are stored before the first chunk's applies and `extras.progress` after the last
   * chunk's, in the same round trips. `extras.progressIfClean` is recorded exactly when no outcome is
   * `conflict`.
   */
  applyMany(effects: readonly CustomerEffects[], extras?: ApplyExtras): Promise<ApplyOutcome[]>;
  /**
   * Re-scores many customers for one shared event (a news item, a supplier move) with the fewest round
   * trips: chunk k's applies travel with chunk k+1's reads, so N customers cost ceil(N/chunkSize) + 1
   * round trips (plus one per chunk only when customers reference shared factors not seen before).
   * `compute` is the pure scoring step: given current inputs it returns the effects to apply (it may
   * leave out customers whose trust did not move). Each effect is applied only if its customer is still
   * at the revision it was read at (`expectedRevision`, filled in from the snapshot): a customer another
   * instance moved in between comes back as `conflict`, for the caller to fan out again. Nothing is read
   * back after applying.
   */
  fanOut(
    customerIds: readonly string[],
    compute: (snapshots: readonly CustomerSnapshot[]) => readonly CustomerEffects[],
    extras?: ApplyExtras,
  ): Promise<ApplyOutcome[]>;
  /**
   * `fanOut`, also saying whether the call's position (`extras.progressIfClean` or `progress`) was
   * recorded. With no customers it stores the shared factors and the position in one round trip.
   */
  fanOutWithProgress(
    customerIds: readonly string[],
    compute: (snapshots: readonly CustomerSnapshot[]) => readonly CustomerEffects[],
    extras?: ApplyExtras,
  ): Promise<FanOutResult>;
  /** Raises the recorded last-applied offset of a topic partition (never lowers it). */
  recordProgress(position: KafkaPosition): Promise<void>;
  /** Partition -> next offset to consume (last applied + 1), for restarting after a crash. */
  resumeOffsets(topic: string): Promise<Map<number, string>>;

  /** Customer factors plus shared factors bound to their exposure. */
  getFactors(customerId: string): Promise<Factor[]>;
  /**
   * What re-scoring needs for many customers at once (factors with shared ones bound, current summary):
   * one round trip per `chunkSize` customers plus one for the shared factors they reference.
   */
  loadCustomers(customerIds: readonly string[]): Promise<CustomerSnapshot[]>;
  /** Every product/component/version a customer runs, with its assets (advisory range matching). */
  listComponents(customerId: string): Promise<ComponentEntry[]>;
  getSummary(customerId: string): Promise<ScoreSummary | null>;
  /** The latest stored summary at or before `at` (ms). */
  summaryAsOf(customerId: string, at: number): Promise<ScoreSummary | null>;
  /**
   * Stored summaries with `at` inside the window, newest first, at most `limit` of them (the newest):
   * one round trip. History is capped at `historyMaxEntries` per customer.
   */
  summaryHistory(customerId: string, query: HistoryQuery): Promise<ScoreSummary[]>;
  /**
   * Customers the store knows (a fleet imported or a summary stored), in byte order of their ids,
   * one round trip per page.
   */
  listCustomers(query: CustomerListQuery): Promise<CustomerPage>;
  /** Whether listCustomers includes this customer (a fleet imported or a summary stored). */
  knowsCustomer(customerId: string): Promise<boolean>;
  feed(customerId: string, query: FeedQuery): Promise<FeedPage>;
  /** One feed entry by id (e.g. the `feedId` of a duplicate outcome), or null once trimmed. */
  feedEntry(customerId: string, feedId: string): Promise<TrustChanged | null>;
  /**
   * Whether an event (its `eventId` as given to apply) was applied to the customer, from the dedupe
   * marker the apply left (kept `dedupeTtlMs`): null when not (or the marker expired); otherwise the
   * feed entry it recorded, `feedId: null` when it recorded none. What a planner that derives its work
   * from the stored state asks on a redelivery, where it finds nothing left to do, so the change the first
   * delivery recorded can be published again.
   */
  appliedEvent(customerId: string, eventId: string): Promise<AppliedEvent | null>;
  close(): Promise<void>;
}

export { DEFAULT_LIMITS, type StoreLimits } from './limits.js';
