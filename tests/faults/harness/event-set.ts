import type { EventTopic } from '@trustwatch/bus';
import {
  createEvent,
  type CloudEvent,
  type FirmwareChanged,
  type NewsClassified,
  type SupplierChanged,
} from '@trustwatch/schemas';
import type { Asset, SupplierLink } from '@trustwatch/store';

/** A seeded portfolio: every customer's fleet and the supplier registry. */
export interface Portfolio {
  readonly customers: ReadonlyMap<string, readonly Asset[]>;
  readonly suppliers: readonly SupplierLink[];
}

/** One input event and the topic it is published on. */
export interface TopicEvent {
  readonly topic: EventTopic;
  readonly event: CloudEvent;
}

/** The deterministic input of every trust-engine fault: a portfolio and events in publication order. */
export interface EventSet {
  readonly portfolio: Portfolio;
  readonly events: readonly TopicEvent[];
}

/** mulberry32: a tiny seeded generator, so one seed always yields one event set and one kill schedule. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const SOURCE = 'trustwatch://faults';
// Event times lie after any wall clock the suite runs at, so no decay re-evaluation comes due during a
// run: the oracle (manual clock) and the real engines (system clock) then score the same instants.
const BASE = Date.parse('2031-01-01T00:00:00Z');
const MODELS = {
  supermicro: { name: 'Supermicro', model: 'X12DPG-OA6', component: 'bmc', version: '1.04.16' },
  dell: { name: 'Dell', model: 'PowerEdge R750', component: 'idrac', version: '7.00.00.171' },
} as const;
type VendorId = keyof typeof MODELS;
const SUPPLIERS: readonly SupplierLink[] = [
  { supplierId: 'ose', vendorId: 'supermicro', category: 'motherboard' },
  { supplierId: 'wistron', vendorId: 'dell', category: 'motherboard' },
];

function portfolioOf(customers: number, random: () => number): Portfolio {
  const fleets = new Map<string, Asset[]>();
  for (let c = 0; c < customers; c += 1) {
    const customerId = `cust-${String(c).padStart(3, '0')}`;
    const size = 2 + Math.floor(random() * 4);
    fleets.set(
      customerId,
      Array.from({ length: size }, (_, a): Asset => {
        const vendor: VendorId = random() < 0.6 ? 'supermicro' : 'dell';
        const spec = MODELS[vendor];
        return {
          id: `${customerId}-${vendor}-${String(a)}`,
          vendor,
          model: spec.model,
          components: [{ id: spec.component, kind: 'bmc', version: spec.version, hashes: [] }],
        };
      }),
    );
  }
  return { customers: fleets, suppliers: SUPPLIERS };
}

function firmwareSwap(customerId: string, asset: Asset, at: string, n: number): TopicEvent {
  const spec = MODELS[asset.vendor as VendorId];
  const data: FirmwareChanged = {
    customerId,
    assetId: asset.id,
    vendor: spec.name,
    model: spec.model,
    component: { id: spec.component, kind: 'bmc', slot: 'active' },
    change: 'unknown_build',
    before: { version: spec.version, hash: { algorithm: 'sha256', value: 'aa'.repeat(32) } },
    after: { version: spec.version, hash: { algorithm: 'sha256', value: n.toString(16).padStart(64, '0') } },
    knownGood: 'no',
    observedAt: at,
    snapshotId: `snap-${String(n)}`,
  };
  const event = createEvent({
    type: 'com.trustwatch.firmware.changed.v1',
    source: SOURCE,
    id: `fw-${String(n)}`,
    time: at,
    data,
  });
  return { topic: 'firmware.changed', event };
}

function allegation(vendor: VendorId, at: string, n: number): TopicEvent {
  const url = `https://news.example/story-${String(n)}`;
  const subject = MODELS[vendor].name;
  const data: NewsClassified = {
    storyId: `story-${String(n)}`,
    canonicalUrl: url,
    urls: [url],
    outlets: [{ name: `Outlet ${String(n % 7)}`, url: 'https://news.example/', reliability: 'B' }],
    title: `Report ${String(n)} alleges a backdoor in ${subject} servers`,
    publishedAt: at,
    language: 'en',
    entities: [{ entityId: vendor, name: subject, kind: 'vendor', role: 'subject' }],
    claims: [
      {
        entityId: vendor,
        kind: 'backdoor_allegation',
        stance: 'asserts',
        sentence: `Implants were found on ${subject} boards (report ${String(n)}).`,
      },
    ],
    credibility: { reliability: 'B', credibility: 3, independentOutlets: 1 },
  };
  const event = createEvent({
    type: 'com.trustwatch.news.classified.v1',
    source: SOURCE,
    id: `news-${String(n)}`,
    time: at,
    data,
  });
  return { topic: 'news.classified', event };
}

function relocation(link: SupplierLink, at: string, n: number): TopicEvent {
  const day = at.slice(0, 10);
  const [from, to] = n % 2 === 0 ? ['TW', 'CN'] : ['CN', 'TW'];
  const data: SupplierChanged = {
    vendorId: link.vendorId,
    vendorName: MODELS[link.vendorId as VendorId].name,
    supplierId: link.supplierId,
    supplierName: link.supplierId.toUpperCase(),
    componentCategory: link.category,
    change: 'relocated',
    fromCountry: from,
    toCountry: to,
    effectiveDate: day,
    source: { kind: 'direct', uri: `https://suppliers.example/${link.supplierId}/notice-${String(n)}` },
  };
  const event = createEvent({
    type: 'com.trustwatch.supplier.changed.v1',
    source: SOURCE,
    id: `sup-${String(n)}`,
    time: at,
    data,
  });
  return { topic: 'supplier.changed', event };
}

/** Shares of the event kinds other than firmware swaps. */
export interface EventMix {
  readonly supplier: number;
  readonly news: number;
}

/** Mostly firmware swaps, some supplier relocations and allegations: all three inputs of the engine. */
export const DEFAULT_MIX: EventMix = { supplier: 0.02, news: 0.03 };

/**
 * `count` input events over a portfolio of `customers`: mostly firmware image swaps (keyed by customer),
 * with supplier relocations (one a day) and allegations about a vendor mixed in per `mix`. Every event
 * is a fact of its own (own id, own story, own day), so each one adds a factor whichever order the
 * partitions interleave in, and the final state is the same for any interleaving.
 */
export function generateEventSet(
  seed: number,
  count: number,
  customers: number,
  mix = DEFAULT_MIX,
): EventSet {
  const random = seededRandom(seed);
  const portfolio = portfolioOf(customers, random);
  const ids = [...portfolio.customers.keys()];
  const events: TopicEvent[] = [];
  let relocations = 0;
  for (let n = 0; n < count; n += 1) {
    const roll = random();
    if (roll < mix.supplier) {
      // One relocation a day: the effective date is the fact's identity.
      const at = new Date(BASE + relocations * 86_400_000).toISOString();
      events.push(relocation(SUPPLIERS[relocations % SUPPLIERS.length] ?? SUPPLIERS[0]!, at, n));
      relocations += 1;
      continue;
    }
    const at = new Date(BASE + n * 60_000).toISOString();
    if (roll < mix.supplier + mix.news) {
      events.push(allegation(random() < 0.5 ? 'supermicro' : 'dell', at, n));
      continue;
    }
    const customerId = ids[Math.floor(random() * ids.length)] ?? ids[0]!;
    const fleet = portfolio.customers.get(customerId) ?? [];
    const asset = fleet[Math.floor(random() * fleet.length)] ?? fleet[0]!;
    events.push(firmwareSwap(customerId, asset, at, n));
  }
  return { portfolio, events };
}

/** Events grouped by topic, publication order kept. */
export function byTopic(events: readonly TopicEvent[]): Map<EventTopic, CloudEvent[]> {
  const out = new Map<EventTopic, CloudEvent[]>();
  for (const { topic, event } of events) out.set(topic, [...(out.get(topic) ?? []), event]);
  return out;
}
