import {
  COMPONENT_KINDS,
  type AdvisoryPublished,
  type AffectedProduct,
  type Factor,
} from '@trustwatch/schemas';
import {
  advisoryFactor,
  isVersionAffected,
  resolveFactor,
  shareOf,
  type CveAffectedProduct,
  type Policy,
} from '@trustwatch/scoring';
import type { ComponentEntry, FiledAdvisory } from '@trustwatch/store';

/** The assets of one customer running an affected version of one product component. */
export interface AdvisoryMatch {
  readonly vendorId: string;
  /** `<model>/<component>`: the entity the factor is about. */
  readonly component: string;
  readonly assetIds: ReadonlySet<string>;
}

// Board vendors sell the same board as `MBD-X12DPG-OA6` (retail box) and `X12DPG-OA6`: one product.
function productKey(name: string): string {
  return name.trim().toLowerCase().replace(/^mbd-/, '');
}

function sameVendor(entry: ComponentEntry, product: AffectedProduct): boolean {
  const vendor = entry.vendor.toLowerCase();
  return vendor === product.vendorId.toLowerCase() || vendor === product.vendorName.toLowerCase();
}

// CVE records give the firmware kind as `versionType` (`BMC`); a component id such as `bmc-0` or `BMC`
// names its kind first. An advisory with no recognisable kind concerns every component of the product.
function sameComponent(entry: ComponentEntry, product: AffectedProduct): boolean {
  const kind = product.versionType?.toLowerCase();
  if (kind === undefined || !(COMPONENT_KINDS as readonly string[]).includes(kind) || kind === 'other') {
    return true;
  }
  return entry.component.toLowerCase().startsWith(kind);
}

// The event schema marks optional fields `T | undefined`; the matcher wants them absent instead.
function cveProduct(product: AffectedProduct): CveAffectedProduct {
  return {
    ...(product.defaultStatus === undefined ? {} : { defaultStatus: product.defaultStatus }),
    versions: product.versions.map((v) => ({
      version: v.version,
      status: v.status,
      ...(v.lessThan === undefined ? {} : { lessThan: v.lessThan }),
      ...(v.lessThanOrEqual === undefined ? {} : { lessThanOrEqual: v.lessThanOrEqual }),
      ...(product.versionType === undefined ? {} : { versionType: product.versionType }),
    })),
  };
}

/**
 * A fleet's components by product key, in fleet order: an advisory looks up only the entries its products
 * name, instead of testing every component against every product (a fleet import re-matches every stored
 * advisory of its vendors, thousands of them for a large vendor).
 */
export type ComponentIndex = ReadonlyMap<
  string,
  readonly { readonly entry: ComponentEntry; readonly at: number }[]
>;

export function indexComponents(components: readonly ComponentEntry[]): ComponentIndex {
  const index = new Map<string, { entry: ComponentEntry; at: number }[]>();
  components.forEach((entry, at) => {
    const key = productKey(entry.model);
    const list = index.get(key) ?? [];
    list.push({ entry, at });
    index.set(key, list);
  });
  return index;
}

/** The product components of a fleet an advisory affects, with exactly the assets at an affected version. */
export function matchAdvisory(
  advisory: AdvisoryPublished,
  components: readonly ComponentEntry[] | ComponentIndex,
): AdvisoryMatch[] {
  const index = Array.isArray(components) ? indexComponents(components) : (components as ComponentIndex);
  // Each named entry with the products naming it, in the advisory's order; entries then in fleet order.
  const named = new Map<number, { entry: ComponentEntry; products: AffectedProduct[] }>();
  for (const product of advisory.affected) {
    for (const { entry, at } of index.get(productKey(product.product)) ?? []) {
      if (!sameVendor(entry, product) || !sameComponent(entry, product)) continue;
      const found = named.get(at) ?? { entry, products: [] as AffectedProduct[] };
      found.products.push(product);
      named.set(at, found);
    }
  }
  const matches = new Map<string, { vendorId: string; component: string; assetIds: Set<string> }>();
  for (const [, { entry, products }] of [...named].sort(([a], [b]) => a - b)) {
    if (!isVersionAffected(entry.version, products.map(cveProduct))) continue;
    const vendorId = products[0]?.vendorId ?? entry.vendor;
    const component = `${entry.model}/${entry.component}`;
    const match = matches.get(component) ?? { vendorId, component, assetIds: new Set<string>() };
    for (const id of entry.assetIds) match.assetIds.add(id);
    matches.set(component, match);
  }
  return [...matches.values()].sort((a, b) => (a.component < b.component ? -1 : 1));
}

export interface ReconcileInput {
  readonly customerId: string;
  readonly advisories: readonly FiledAdvisory[];
  readonly components: readonly ComponentEntry[];
  /** The customer's current factors (only its `advisory_exposure` ones are looked at). */
  readonly existing: readonly Factor[];
  /** When the fleet was seen in this state: factors whose assets all left the range are resolved then. */
  readonly at: string;
  readonly policy: Policy;
}

/**
 * The `advisory_exposure` factors to write so they match the fleet: new matches open a factor, a changed
 * number of affected assets re-exposes it, and a factor whose assets all left the affected range (an
 * upgrade to a fixed version) is resolved. A resolved factor stays resolved, so history is kept.
 *
 * A new factor occurs when its advisory was published and its evidence is the advisory's event, on
 * every path that opens it. The advisory and the observation that puts an asset in its range arrive on
 * different topics, which Kafka does not order; whichever is handled second opens the factor, and what
 * it holds must not depend on which that was (two engine instances may handle them either way round).
 */
export function reconcileAdvisories(input: ReconcileInput): Factor[] {
  const { components, policy } = input;
  const fleet = new Set(components.flatMap((c) => c.assetIds));
  const vendorFleets = new Map<string, number>();
  const vendorFleet = (vendor: string): number => {
    const key = vendor.toLowerCase();
    let size = vendorFleets.get(key);
    if (size === undefined) {
      size = new Set(components.filter((c) => c.vendor.toLowerCase() === key).flatMap((c) => c.assetIds))
        .size;
      vendorFleets.set(key, size);
    }
    return size;
  };
  const existing = new Map(
    input.existing
      .filter((f) => f.kind === 'advisory_exposure' && f.origin === 'customer')
      .map((f) => [f.id, f]),
  );
  const existingByAdvisory = new Map<string, Factor[]>();
  for (const factor of existing.values()) {
    const id = factor.details?.advisoryId;
    if (id !== undefined) existingByAdvisory.set(id, [...(existingByAdvisory.get(id) ?? []), factor]);
  }
  const index = indexComponents(components);
  const out: Factor[] = [];
  for (const { advisory, eventId } of input.advisories) {
    const matched = new Set<string>();
    const occurredAt = new Date(Date.parse(advisory.published)).toISOString();
    for (const match of matchAdvisory(advisory, index)) {
      const fresh = advisoryFactor(
        {
          eventId,
          advisoryId: advisory.advisoryId,
          ...(advisory.severity.cvssScore === undefined
            ? {}
            : { cvssBaseScore: advisory.severity.cvssScore }),
          customerId: input.customerId,
          vendorId: match.vendorId,
          component: match.component,
          occurredAt,
          exposure: shareOf(match.assetIds.size, fleet.size),
          vendorExposure: shareOf(match.assetIds.size, vendorFleet(match.vendorId)),
          urls: advisory.references.slice(0, 50),
          summary:
            `${advisory.advisoryId} affects ${match.assetIds.size} asset(s) (${match.component}): ${advisory.title}`.slice(
              0,
              1000,
            ),
        },
        policy,
      );
      if (fresh === null) continue;
      matched.add(fresh.id);
      const old = existing.get(fresh.id);
      if (old === undefined) out.push(fresh);
      else if (
        old.status === 'active' &&
        (old.exposure !== fresh.exposure || old.vendorExposure !== fresh.vendorExposure)
      ) {
        out.push({
          ...old,
          exposure: fresh.exposure,
          vendorExposure: fresh.vendorExposure,
          summary: fresh.summary,
        });
      }
    }
    for (const old of existingByAdvisory.get(advisory.advisoryId) ?? []) {
      if (old.status === 'active' && !matched.has(old.id)) {
        // Never before it occurred: an upgrade observed before the advisory's date, handled after it.
        const early = Date.parse(input.at) < Date.parse(old.occurredAt);
        out.push(resolveFactor(old, early ? old.occurredAt : input.at));
      }
    }
  }
  return out;
}

/** When the newest of the factors occurred (ms): the instant a plan writing them is scored from. */
export function latestOccurrence(factors: readonly Factor[]): number {
  return factors.reduce((latest, f) => Math.max(latest, Date.parse(f.occurredAt)), Number.NEGATIVE_INFINITY);
}
