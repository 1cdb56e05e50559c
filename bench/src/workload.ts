import type { EventTopic } from '@trustwatch/bus';
import { createEvent, type CloudEvent, type FirmwareChanged, type NewsClassified } from '@trustwatch/schemas';
import { customerId, homeAssetId, SOLO_EVERY, ZIPF_VENDORS, type PortfolioShape } from './portfolio.js';
import { seededRandom, zipfSampler } from './random.js';

const SOURCE = 'trustwatch://bench';
// Events are 10 ms apart from an epoch shortly before the run: live traffic, whose decay is weeks away.
const SPACING_MS = 10;

/** Names and times of one workload: ids start with `tag`, sequence 0 happens at `epoch` (ms). */
export interface Stamp {
  readonly tag: string;
  readonly epoch: number;
}

/** Events of one topic, in the order they are produced. */
export type TopicEvents = ReadonlyMap<EventTopic, readonly CloudEvent[]>;

function at(w: Stamp, sequence: number): string {
  return new Date(w.epoch + sequence * SPACING_MS).toISOString();
}

/** An unknown BMC build on one home asset: exactly one customer's factors change. */
export function firmwareEvent(customer: number, slot: number, sequence: number, w: Stamp): CloudEvent {
  const data: FirmwareChanged = {
    customerId: customerId(customer),
    assetId: homeAssetId(customer, slot),
    vendor: 'home',
    model: `model-${slot}`,
    component: { id: 'bmc', kind: 'bmc', slot: 'active' },
    change: 'unknown_build',
    before: { version: '1.04.16', hash: { algorithm: 'sha256', value: 'aa'.repeat(32) } },
    after: {
      version: '1.04.16',
      hash: { algorithm: 'sha256', value: sequence.toString(16).padStart(64, '0') },
    },
    knownGood: 'no',
    observedAt: at(w, sequence),
    snapshotId: `snap-${w.tag}-${sequence}`,
  };
  return createEvent({
    type: 'com.trustwatch.firmware.changed.v1',
    source: SOURCE,
    id: `fw-${w.tag}-${sequence}`,
    time: at(w, sequence),
    data,
  });
}

/** A new supplier of a vendor only one customer buys from: a 1:1 event through the supplier path. */
export function supplierEvent(customer: number, sequence: number, w: Stamp): CloudEvent {
  const vendorId = `solo-${customer}`;
  return createEvent({
    type: 'com.trustwatch.supplier.changed.v1',
    source: SOURCE,
    id: `sup-${w.tag}-${sequence}`,
    time: at(w, sequence),
    data: {
      vendorId,
      vendorName: vendorId,
      supplierId: `supplier-${sequence % 97}`,
      supplierName: `Supplier ${sequence % 97}`,
      componentCategory: 'bmc',
      change: 'added',
      effectiveDate: at(w, sequence).slice(0, 10),
      source: { kind: 'direct', uri: `https://suppliers.example/notice/${sequence}` },
    },
  });
}

/** A credible allegation about one vendor: shared by every customer owning one of its assets. */
export function newsEvent(vendorId: string, sequence: number, w: Stamp): CloudEvent {
  const url = `https://news.example/${w.tag}/${sequence}`;
  const data: NewsClassified = {
    storyId: `story-${w.tag}-${sequence}`,
    canonicalUrl: url,
    urls: [url],
    outlets: [{ name: 'Example Wire', url: 'https://news.example/', reliability: 'B' }],
    title: `Allegation ${sequence} about ${vendorId}`,
    publishedAt: at(w, sequence),
    language: 'en',
    entities: [{ entityId: vendorId, name: vendorId, kind: 'vendor', role: 'subject' }],
    claims: [
      {
        entityId: vendorId,
        kind: 'backdoor_allegation',
        stance: 'asserts',
        sentence: `Implants were reported on boards of ${vendorId}.`,
      },
    ],
    credibility: { reliability: 'B', credibility: 3, independentOutlets: 1 },
  };
  return createEvent({
    type: 'com.trustwatch.news.classified.v1',
    source: SOURCE,
    id: `news-${w.tag}-${sequence}`,
    time: at(w, sequence),
    data,
  });
}

function push(map: Map<EventTopic, CloudEvent[]>, topic: EventTopic, event: CloudEvent): void {
  const list = map.get(topic) ?? [];
  list.push(event);
  map.set(topic, list);
}

/** 1:1 events only: 90 % firmware changes, 10 % supplier additions on single-customer vendors. */
export function oneToOneEvents(count: number, shape: PortfolioShape, w: Stamp, seed = 7): TopicEvents {
  const random = seededRandom(seed);
  const out = new Map<EventTopic, CloudEvent[]>();
  for (let n = 0; n < count; n += 1) {
    if (n % 10 === 9) {
      const solo = Math.floor(random() * Math.ceil(shape.customers / SOLO_EVERY)) * SOLO_EVERY;
      push(out, 'supplier.changed', supplierEvent(solo, n, w));
    } else {
      const customer = Math.floor(random() * shape.customers);
      push(out, 'firmware.changed', firmwareEvent(customer, n % shape.assetsPerCustomer, n, w));
    }
  }
  return out;
}

/** The realistic mix: the 1:1 events plus one news item in fifty, its vendor's customers Zipf-distributed. */
export function mixedEvents(count: number, shape: PortfolioShape, w: Stamp, seed = 11): TopicEvents {
  const random = seededRandom(seed);
  const rank = zipfSampler(ZIPF_VENDORS, 1, random);
  const base = oneToOneEvents(count, shape, w, seed);
  const out = new Map<EventTopic, CloudEvent[]>([...base].map(([t, e]) => [t, [...e]]));
  for (let n = 0; n < Math.max(1, Math.floor(count / 50)); n += 1) {
    push(out, 'news.classified', newsEvent(`zipf-${rank()}`, count + n, w));
  }
  return out;
}

export function eventCount(events: TopicEvents): number {
  let total = 0;
  for (const list of events.values()) total += list.length;
  return total;
}
