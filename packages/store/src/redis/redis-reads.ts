import { scoreSummarySchema, type SharedFactor, type TrustChanged } from '@trustwatch/schemas';
import { unavailable } from '../errors.js';
import { checkFeedQuery } from '../feed-cursor.js';
import { componentField, parseComponentField, type StoreKeys } from '../keys.js';
import { parseSnapshotEntry } from '../memory/asset-snapshots.js';
import { selectPublished } from '../memory/catalog-select.js';
import { checkCustomerListQuery, checkHistoryQuery, customerPage } from '../memory/read-queries.js';
import type {
  Asset,
  AssetInFleet,
  PublishedFirmware,
  StoreLimits,
  SupplierLink,
  TrustStore,
  VendorExposure,
} from '../port.js';
import type { Coalescer, QueueCommands } from './coalescer.js';
import {
  loadCustomersFromRedis,
  loadRequest,
  parseLoad,
  queueLoad,
  toSnapshot,
  type ParseCaches,
} from './load-customers.js';
import type { ReadAhead } from './read-ahead.js';

/** The reads served by one command each: every one goes through the coalescer. */
export type SingleReads = Pick<
  TrustStore,
  | 'getFleet'
  | 'assetInFleet'
  | 'findAssets'
  | 'customersOfVendor'
  | 'vendorsOfSupplier'
  | 'publishedFirmware'
  | 'getAssetSnapshot'
  | 'getSharedFactor'
  | 'resumeOffsets'
  | 'loadCustomers'
  | 'getFactors'
  | 'listComponents'
  | 'getSummary'
  | 'summaryAsOf'
  | 'summaryHistory'
  | 'listCustomers'
  | 'knowsCustomer'
  | 'feed'
  | 'feedEntry'
  | 'appliedEvent'
>;

const asStrings = (reply: unknown): string[] => (Array.isArray(reply) ? reply.map(String) : []);
const asString = (reply: unknown): string | null => (typeof reply === 'string' ? reply : null);
const asHash = (reply: unknown): Record<string, string> =>
  typeof reply === 'object' && reply !== null && !Array.isArray(reply)
    ? (reply as Record<string, string>)
    : {};
type StreamRow = [string, string[]];
const asStream = (reply: unknown): StreamRow[] => (Array.isArray(reply) ? (reply as StreamRow[]) : []);

/** A vendor's customers from `ZRANGE ... WITHSCORES`, sorted by customer id. */
function vendorCustomers(reply: unknown): VendorExposure[] {
  const flat = asStrings(reply);
  const out: VendorExposure[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2)
    out.push({ customerId: flat[i] ?? '', share: Number(flat[i + 1]) });
  return out.sort((a, b) => (a.customerId < b.customerId ? -1 : 1));
}

/** `HGET` of the asset and of the fleet's vendor counts (JSON vendor -> assets, kept by the scripts). */
function assetInFleetOf([asset, vendors]: readonly unknown[]): AssetInFleet {
  const assetJson = asString(asset);
  const vendorsJson = asString(vendors);
  return {
    asset: assetJson === null ? null : (JSON.parse(assetJson) as Asset),
    vendorCounts: vendorsJson === null ? {} : (JSON.parse(vendorsJson) as Record<string, number>),
  };
}

/**
 * The Redis adapter's reads. Reads issued in the same tick, by any number of callers, leave as one
 * pipeline (one round trip): a batch's planners reading their customers concurrently cost one. Factors,
 * shared factors and current summaries go through `caches`; the history's summaries do not, since a page
 * of old ones read once would only push out the hot entries.
 */
export function redisReads(
  batch: Coalescer,
  keys: StoreKeys,
  limits: StoreLimits,
  caches: ParseCaches,
  readAhead: ReadAhead,
): SingleReads {
  // One command's reply, parsed; a failure of the command, the connection or the parse is UNAVAILABLE,
  // as every read of this adapter has always mapped it.
  async function read<T>(operation: string, queue: QueueCommands, parse: (reply: unknown) => T): Promise<T> {
    return readAll(operation, queue, ([reply]) => parse(reply));
  }
  // The same for a read of several commands: `parse` gets their replies, in order.
  async function readAll<T>(
    operation: string,
    queue: QueueCommands,
    parse: (replies: readonly unknown[]) => T,
  ): Promise<T> {
    try {
      return parse(await batch.send(operation, queue));
    } catch (cause) {
      throw unavailable(operation, cause);
    }
  }
  const c = (customerId: string) => keys.customer(customerId);

  // One read (`commands` commands) plus the states of `ahead`, in one round trip (see ReadAhead). A
  // state is kept only if the texts of all its shared factors came with it.
  async function readingAhead<T>(
    operation: string,
    ahead: readonly string[],
    commands: number,
    queue: QueueCommands,
    parse: (replies: readonly unknown[]) => T,
  ): Promise<T> {
    const known = new Map<string, SharedFactor | null>();
    const load = loadRequest(ahead, known, caches);
    try {
      const replies = await batch.send(operation, (p) => {
        queue(p);
        queueLoad(p, keys, load);
      });
      const rows = parseLoad(load, replies, commands, caches, known);
      const complete = rows.filter((row) => row.exposures.every((x) => known.has(x.factorId)));
      readAhead.put(complete.map((row) => toSnapshot(row, known, caches)));
      return parse(replies.slice(0, commands));
    } catch (cause) {
      throw unavailable(operation, cause);
    }
  }
  const fleetOf = (reply: unknown): Asset[] => asStrings(reply).map((j) => JSON.parse(j) as Asset);
  // A vendor's lookup reads ahead the customers its last lookup returned.
  const customersOf = (vendorId: string) => (reply: unknown) => {
    const customers = vendorCustomers(reply);
    readAhead.rememberVendor(
      vendorId,
      customers.map((x) => x.customerId),
    );
    return customers;
  };

  return {
    getFleet: (customerId) => read('getFleet', (p) => p.hvals(c(customerId).assets), fleetOf),
    assetInFleet: (customerId, assetId, options) => {
      const queue: QueueCommands = (p) =>
        p.hget(c(customerId).assets, assetId).hget(c(customerId).fleetMeta, 'vendors');
      return options?.readAhead === true
        ? readingAhead('assetInFleet', [customerId], 2, queue, assetInFleetOf)
        : readAll('assetInFleet', queue, assetInFleetOf);
    },
    findAssets: (customerId, vendor, model, component, version) =>
      read(
        'findAssets',
        (p) => p.hget(c(customerId).components, componentField(vendor, model, component, version)),
        (r) => {
          const json = asString(r);
          return json === null ? [] : (JSON.parse(json) as string[]);
        },
      ),
    customersOfVendor: (vendorId, options) =>
      options?.readAhead === true
        ? readingAhead(
            'customersOfVendor',
            readAhead.customersOf(vendorId, limits.chunkSize),
            1,
            (p) => p.zrange(keys.vendorCustomers(vendorId), 0, -1, 'WITHSCORES'),
            ([reply]) => customersOf(vendorId)(reply),
          )
        : read(
            'customersOfVendor',
            (p) => p.zrange(keys.vendorCustomers(vendorId), 0, -1, 'WITHSCORES'),
            vendorCustomers,
          ),
    vendorsOfSupplier: (supplierId, category) =>
      read(
        'vendorsOfSupplier',
        (p) => p.hvals(keys.supplierVendors(supplierId)),
        (r) =>
          asStrings(r)
            .map((j) => JSON.parse(j) as SupplierLink)
            .filter((l) => category === undefined || l.category === category)
            .sort((a, b) => (a.vendorId + a.category < b.vendorId + b.category ? -1 : 1)),
      ),
    publishedFirmware: (vendor, model, component) =>
      read(
        'publishedFirmware',
        (p) => p.hvals(keys.catalog(vendor)),
        (r) =>
          selectPublished(
            asStrings(r).map((j) => JSON.parse(j) as PublishedFirmware),
            model,
            component,
          ),
      ),
    async getAssetSnapshot(customerId, assetId) {
      const stored = await read(
        'getAssetSnapshot',
        (p) => p.hget(c(customerId).snapshots, assetId),
        asString,
      );
      if (stored === null) return null;
      // The value is `<version>:<entry JSON>` (see keys.ts); the version only matters to the script.
      const colon = stored.indexOf(':');
      return parseSnapshotEntry(colon < 0 ? '' : stored.slice(colon + 1));
    },
    getSharedFactor: (factorId) =>
      read(
        'getSharedFactor',
        (p) => p.hget(keys.sharedFactor(factorId), 'json'),
        (r) => {
          const json = asString(r);
          return json === null ? null : caches.shared.parse(factorId, json);
        },
      ),
    resumeOffsets: (topic) =>
      read(
        'resumeOffsets',
        (p) => p.hgetall(keys.topicProgress(topic)),
        (r) =>
          new Map(
            Object.entries(asHash(r)).map(([part, offset]) => [Number(part), String(BigInt(offset) + 1n)]),
          ),
      ),
    loadCustomers: (customerIds) =>
      loadCustomersFromRedis(batch, keys, limits.chunkSize, customerIds, caches),
    async getFactors(customerId) {
      const [snapshot] = await loadCustomersFromRedis(batch, keys, limits.chunkSize, [customerId], caches);
      return [...(snapshot?.factors ?? [])];
    },
    listComponents: (customerId) =>
      read(
        'listComponents',
        (p) => p.hgetall(c(customerId).components),
        (r) =>
          Object.entries(asHash(r)).flatMap(([field, json]) => {
            const parts = parseComponentField(field);
            return parts === null ? [] : [{ ...parts, assetIds: JSON.parse(json) as string[] }];
          }),
      ),
    getSummary: (customerId) =>
      read(
        'getSummary',
        (p) => p.hget(c(customerId).summary, 'json'),
        (r) => {
          const json = asString(r);
          return json === null ? null : caches.summary.parse(customerId, json);
        },
      ),
    summaryAsOf: (customerId, at) =>
      read(
        'summaryAsOf',
        (p) => p.zrevrangebyscore(c(customerId).history, at, '-inf', 'LIMIT', 0, 1),
        (r) => {
          const [json] = asStrings(r);
          return json === undefined ? null : scoreSummarySchema.parse(JSON.parse(json));
        },
      ),
    async summaryHistory(customerId, query) {
      checkHistoryQuery(query);
      const key = c(customerId).history;
      return read(
        'summaryHistory',
        (p) => p.zrevrangebyscore(key, query.to, query.from, 'LIMIT', 0, query.limit),
        (r) => asStrings(r).map((json) => scoreSummarySchema.parse(JSON.parse(json))),
      );
    },
    async listCustomers(query) {
      checkCustomerListQuery(query);
      const start = query.cursor === undefined ? '-' : `(${query.cursor}`;
      // One more than asked: its presence says whether this is the last page.
      return read(
        'listCustomers',
        (p) => p.zrangebylex(keys.customerIndex, start, '+', 'LIMIT', 0, query.limit + 1),
        (r) => customerPage(asStrings(r), query.limit),
      );
    },
    knowsCustomer: (customerId) =>
      read(
        'knowsCustomer',
        (p) => p.zscore(keys.customerIndex, customerId),
        (r) => r !== null,
      ),
    async feed(customerId, query) {
      checkFeedQuery(query);
      const key = c(customerId).feed;
      const rows = await read(
        'feed',
        (p) =>
          query.since !== undefined
            ? p.xrange(key, `(${query.since}`, '+', 'COUNT', query.limit)
            : // One more than asked, so a full last page is known to be the last (next: null).
              p.xrevrange(
                key,
                query.before === undefined ? '+' : `(${query.before}`,
                '-',
                'COUNT',
                query.limit + 1,
              ),
        asStream,
      );
      const entries = rows.slice(0, query.limit).map(([id, fields]) => ({
        id,
        change: JSON.parse(fields[1] ?? 'null') as TrustChanged,
      }));
      const lastId = entries.at(-1)?.id ?? null;
      if (query.since !== undefined) return { entries, next: lastId ?? query.since };
      return { entries, next: rows.length > query.limit ? lastId : null };
    },
    async feedEntry(customerId, feedId) {
      checkFeedQuery({ limit: 1, before: feedId });
      const rows = await read('feedEntry', (p) => p.xrange(c(customerId).feed, feedId, feedId), asStream);
      const [row] = rows;
      return row === undefined ? null : (JSON.parse(row[1][1] ?? 'null') as TrustChanged);
    },
    appliedEvent: (customerId, eventId) =>
      read(
        'appliedEvent',
        (p) => p.get(c(customerId).dedupe(eventId)),
        (r) => {
          const feedId = asString(r);
          return feedId === null ? null : { feedId: feedId === '' ? null : feedId };
        },
      ),
  };
}
