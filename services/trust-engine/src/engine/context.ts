import { stableId, type CloudEvent, type Hash } from '@trustwatch/schemas';
import type { VendorIdOf } from '@trustwatch/entities';
import type { Policy } from '@trustwatch/scoring';
import type { TrustStore } from '@trustwatch/store';
import type { AdvisoryCatalog } from '../advisories/advisory-catalog.js';

/** What the planners read: the exposure index and factors (store), the policy, known advisories. */
export interface PlanContext {
  readonly store: TrustStore;
  readonly policy: Policy;
  readonly advisories: AdvisoryCatalog;
  /**
   * The catalog id of a vendor a collector names (`Supermicro` -> `vendor:supermicro`): assets are filed
   * under it, so news, advisories and supplier moves about the vendor find their customers.
   */
  readonly vendorIdOf: VendorIdOf;
}

/** The store's idempotency key of an event: CloudEvents `source` and `id` together identify it. */
export function dedupeKey(event: Pick<CloudEvent, 'source' | 'id'>): string {
  return stableId('evt', event.source, event.id);
}

/** An image hash as the exposure index writes it (`sha256:<hex>`). */
export function hashText(hash: Hash | undefined): string | undefined {
  return hash === undefined ? undefined : `${hash.algorithm}:${hash.value.toLowerCase()}`;
}

/** Milliseconds of an ISO instant or calendar date (a date counts from its start, UTC). */
export function millis(instant: string): number {
  return Date.parse(instant.length === 10 ? `${instant}T00:00:00Z` : instant);
}

/** Only http(s) links may be shown as evidence; other URIs (urn:, file:) are dropped. */
export function httpLinks(urls: readonly (string | undefined)[], max = 50): string[] {
  return [...new Set(urls.filter((u): u is string => u !== undefined && /^https?:\/\//i.test(u)))].slice(
    0,
    max,
  );
}
