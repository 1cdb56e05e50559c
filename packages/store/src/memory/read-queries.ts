import { StoreError } from '../errors.js';
import { MAX_READ_LIMIT, type CustomerListQuery, type CustomerPage, type HistoryQuery } from '../port.js';

// Customer ids are entity ids (at most 256 characters); a longer cursor cannot name one.
const MAX_CURSOR_LENGTH = 1024;

function checkLimit(limit: number): void {
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_READ_LIMIT) {
    throw new StoreError('INVALID_ARGUMENT', `limit must be 1..${String(MAX_READ_LIMIT)}`);
  }
}

/** Both adapters refuse the same malformed history windows. */
export function checkHistoryQuery(query: HistoryQuery): void {
  checkLimit(query.limit);
  // Redis scores are doubles: any finite ms value is exact below 2^53, which every real instant is.
  if (!Number.isSafeInteger(query.from) || !Number.isSafeInteger(query.to)) {
    throw new StoreError('INVALID_ARGUMENT', 'from and to must be integer ms');
  }
  if (query.from > query.to) throw new StoreError('INVALID_ARGUMENT', 'from must not be after to');
}

/** Both adapters refuse the same malformed customer listings. */
export function checkCustomerListQuery(query: CustomerListQuery): void {
  checkLimit(query.limit);
  if (query.cursor !== undefined && (query.cursor === '' || query.cursor.length > MAX_CURSOR_LENGTH)) {
    throw new StoreError('INVALID_ARGUMENT', 'malformed customer cursor');
  }
}

/** Orders ids by their UTF-8 bytes, as Redis orders sorted-set members of equal score. */
export function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * A page of ids after `cursor` from ids already in byte order. `rest` holds up to limit + 1 ids, so
 * the last page says so (null `next`) even when it is full.
 */
export function customerPage(rest: readonly string[], limit: number): CustomerPage {
  const customerIds = rest.slice(0, limit);
  const last = customerIds.at(-1);
  return { customerIds, next: rest.length > limit && last !== undefined ? last : null };
}

/** The memory adapter's listing over its set of known customers. */
export function listKnownCustomers(known: ReadonlySet<string>, query: CustomerListQuery): CustomerPage {
  checkCustomerListQuery(query);
  const { cursor } = query;
  const sorted = [...known].sort(compareBytes);
  const rest = cursor === undefined ? sorted : sorted.filter((id) => compareBytes(id, cursor) > 0);
  return customerPage(rest.slice(0, query.limit + 1), query.limit);
}
