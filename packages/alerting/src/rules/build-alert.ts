import type { Alert, AlertLabels, TrustChanged } from '@trustwatch/schemas';
import { fingerprintOf } from './fingerprint.js';

// The alert schema's bounds: a notification stays far below any channel's message size limit.
const MAX_FACTORS = 50;
const MAX_EVIDENCE = 100;
const MAX_SUMMARY = 1000;

/** The link to a customer's page in the dashboard (and the vendor's section of it). */
export function dashboardUrl(baseUrl: string, customerId: string, vendorId?: string): string {
  const url = new URL(
    `customers/${encodeURIComponent(customerId)}`,
    baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`,
  );
  if (vendorId !== undefined) url.searchParams.set('vendor', vendorId);
  return url.toString();
}

/**
 * The score move of one scope in a change: the overall score or a vendor's. A change that carries no
 * score for the vendor (a factor attributed to it moved only the overall score) reports the overall move.
 */
export function scoreMove(
  change: TrustChanged,
  vendorId: string | undefined,
): { before: number; after: number } {
  const vendor = vendorId === undefined ? undefined : change.vendors.find((v) => v.vendorId === vendorId);
  return vendor === undefined
    ? { before: change.overall.before, after: change.overall.after }
    : { before: vendor.before, after: vendor.after };
}

/**
 * The display name of a customer or vendor id (e.g. `Supermicro` for `supermicro`), undefined when
 * unknown: people read summaries, so names are shown where known and ids only as a fallback.
 */
export type DisplayName = (kind: 'customer' | 'vendor', id: string) => string | undefined;

function fillSummary(template: string, labels: AlertLabels, score: number, name?: DisplayName): string {
  const customer = name?.('customer', labels.customer) ?? labels.customer;
  const vendor =
    labels.vendor === undefined ? 'all vendors' : (name?.('vendor', labels.vendor) ?? labels.vendor);
  const text = template
    .replaceAll('{customer}', customer)
    .replaceAll('{vendor}', vendor)
    .replaceAll('{score}', score.toFixed(1));
  return text.length > MAX_SUMMARY ? `${text.slice(0, MAX_SUMMARY - 1)}…` : text;
}

/**
 * A firing alert for `labels` with the evidence of `change`: the score before and after, the factors
 * behind it (only the vendor's when the alert is about one vendor), the source links, and the link to
 * the customer's dashboard page. `startsAt` is kept from the alert already firing, if any.
 */
export function buildAlert(input: {
  readonly labels: AlertLabels;
  readonly change: TrustChanged;
  readonly summaryTemplate: string;
  readonly dashboardBaseUrl: string;
  readonly startsAt?: string;
  readonly showFactorIds?: ReadonlySet<string>;
  readonly displayName?: DisplayName;
}): Alert {
  const { labels, change } = input;
  const score = scoreMove(change, labels.vendor);
  const factors = change.factors.filter(
    (factor) =>
      (labels.vendor === undefined || factor.vendorId === labels.vendor) &&
      (input.showFactorIds === undefined || input.showFactorIds.has(factor.id)),
  );
  return {
    labels,
    fingerprint: fingerprintOf(labels),
    status: 'firing',
    startsAt: input.startsAt ?? change.at,
    summary: fillSummary(input.summaryTemplate, labels, score.after, input.displayName),
    score,
    factors: factors.slice(0, MAX_FACTORS),
    evidence: change.evidence.slice(0, MAX_EVIDENCE),
    dashboardUrl: dashboardUrl(input.dashboardBaseUrl, labels.customer, labels.vendor),
  };
}

/** The same alert, resolved at `at`. */
export function resolveAlert(alert: Alert, at: string): Alert {
  return { ...alert, status: 'resolved', endsAt: at };
}
