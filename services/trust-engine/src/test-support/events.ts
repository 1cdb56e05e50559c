import { readFileSync } from 'node:fs';
import type { EventTopic } from '@trustwatch/bus';
import { publicDataPath } from '@trustwatch/testing';
import {
  createEvent,
  type CloudEvent,
  type AdvisoryPublished,
  type ClaimKind,
  type EventOf,
  type FirmwareChanged,
  type NewsClassified,
  type SupplierChanged,
} from '@trustwatch/schemas';
import { fleetChangedEventOf, type Asset, type TrustStore } from '@trustwatch/store';

/**
 * Input events of the scenario tests: the 2018 story from DOMAIN.md (allegation, denials, audit, OSE
 * relocation), a firmware image swap, and the real CVE-2024-10237 record from the shared public data.
 */
const SOURCE = 'trustwatch://scenario';
const BIG_HACK_URL =
  'https://www.bloomberg.com/news/features/2018-10-04/the-big-hack-how-china-used-a-tiny-chip-to-infiltrate-america-s-top-companies';

export function firmwareSwap(
  customerId: string,
  assetId: string,
  at: string,
): EventOf<'com.trustwatch.firmware.changed.v1'> {
  const data: FirmwareChanged = {
    customerId,
    assetId,
    vendor: 'Supermicro',
    model: 'X12DPG-OA6',
    component: { id: 'bmc', kind: 'bmc', slot: 'active' },
    change: 'unknown_build',
    before: { version: '1.04.16', hash: { algorithm: 'sha256', value: 'aa'.repeat(32) } },
    after: { version: '1.04.16', hash: { algorithm: 'sha256', value: 'bb'.repeat(32) } },
    knownGood: 'no',
    observedAt: at,
    snapshotId: `snap-${assetId}-${at}`,
  };
  return createEvent({
    type: 'com.trustwatch.firmware.changed.v1',
    source: SOURCE,
    id: `fw-${assetId}-${at}`,
    time: at,
    data,
  });
}

export function supplierMove(
  supplierId: string,
  vendorId: string,
  category: string,
  from: string,
  to: string,
  effectiveDate: string,
): EventOf<'com.trustwatch.supplier.changed.v1'> {
  const data: SupplierChanged = {
    vendorId,
    vendorName: vendorId,
    supplierId,
    supplierName: supplierId.toUpperCase(),
    componentCategory: category,
    change: 'relocated',
    fromCountry: from,
    toCountry: to,
    effectiveDate,
    source: { kind: 'direct', uri: `https://suppliers.example/${supplierId}/notice` },
  };
  const id = `sup-${supplierId}-${vendorId}-${effectiveDate}`;
  return createEvent({
    type: 'com.trustwatch.supplier.changed.v1',
    source: SOURCE,
    id,
    time: `${effectiveDate}T00:00:00Z`,
    data,
  });
}

export interface StoryInput {
  readonly storyId: string;
  readonly outlet: string;
  readonly reliability: 'A' | 'B' | 'C';
  readonly credibility: number;
  readonly kind: ClaimKind;
  readonly stance: 'asserts' | 'denies';
  readonly at: string;
  readonly sentence: string;
  readonly answers?: string;
}

export function story(input: StoryInput): EventOf<'com.trustwatch.news.classified.v1'> {
  const url = input.storyId === 'story-big-hack' ? BIG_HACK_URL : `https://news.example/${input.storyId}`;
  const data: NewsClassified = {
    storyId: input.storyId,
    canonicalUrl: url,
    urls: [url],
    outlets: [{ name: input.outlet, url: 'https://news.example/', reliability: input.reliability }],
    title: input.sentence.slice(0, 100),
    publishedAt: input.at,
    language: 'en',
    entities: [{ entityId: 'supermicro', name: 'Super Micro Computer', kind: 'vendor', role: 'subject' }],
    claims: [
      {
        entityId: 'supermicro',
        kind: input.kind,
        stance: input.stance,
        sentence: input.sentence,
        ...(input.answers === undefined ? {} : { answersStoryId: input.answers }),
      },
    ],
    credibility: { reliability: input.reliability, credibility: input.credibility, independentOutlets: 1 },
  };
  return createEvent({
    type: 'com.trustwatch.news.classified.v1',
    source: SOURCE,
    id: `news-${input.storyId}`,
    time: input.at,
    data,
  });
}

/** 4 October 2018: the allegation. */
export function bigHack(): EventOf<'com.trustwatch.news.classified.v1'> {
  return story({
    storyId: 'story-big-hack',
    outlet: 'Bloomberg Businessweek',
    reliability: 'B',
    credibility: 3,
    kind: 'backdoor_allegation',
    stance: 'asserts',
    at: '2018-10-04T09:00:00Z',
    sentence: 'Tiny chips were implanted on Super Micro motherboards during manufacturing in China.',
  });
}

/** The denials (Apple, Amazon, Super Micro) and the December 2018 audit, all answering the allegation. */
export function answers(): EventOf<'com.trustwatch.news.classified.v1'>[] {
  const answer = (storyId: string, outlet: string, kind: ClaimKind, at: string, sentence: string) =>
    story({
      storyId,
      outlet,
      reliability: 'B',
      credibility: 2,
      kind,
      // The story asserts its denial or audit finding; `denies` would negate it ("did not deny").
      stance: 'asserts',
      at,
      sentence,
      answers: 'story-big-hack',
    });
  return [
    answer(
      'story-apple-denial',
      'Apple',
      'denial',
      '2018-10-04T18:00:00Z',
      'Apple has never found malicious chips in its servers.',
    ),
    answer(
      'story-amazon-denial',
      'Amazon',
      'denial',
      '2018-10-04T19:00:00Z',
      'Amazon found no evidence of modified hardware.',
    ),
    answer(
      'story-smci-denial',
      'Super Micro',
      'denial',
      '2018-10-05T09:00:00Z',
      'Super Micro is not aware of any malicious chip.',
    ),
    answer(
      'story-audit',
      'Nardello & Co',
      'audit_clearance',
      '2018-12-11T09:00:00Z',
      'A third-party audit found no malicious hardware.',
    ),
  ];
}

/** A supplier no longer supplying a vendor's category, as `source` reports it (`fromCountry`: one site). */
export function supplierRemoved(
  link: { supplierId: string; vendorId: string; category: string },
  source: SupplierChanged['source'],
  fromCountry?: string,
): EventOf<'com.trustwatch.supplier.changed.v1'> {
  const data: SupplierChanged = {
    vendorId: link.vendorId,
    vendorName: link.vendorId,
    supplierId: link.supplierId,
    supplierName: link.supplierId.toUpperCase(),
    componentCategory: link.category,
    change: 'removed',
    ...(fromCountry === undefined ? {} : { fromCountry }),
    effectiveDate: '2019-01-31',
    source,
  };
  return createEvent({
    type: 'com.trustwatch.supplier.changed.v1',
    source: SOURCE,
    id: `sup-removed-${link.supplierId}-${source.kind}-${fromCountry ?? 'all'}`,
    time: '2019-01-31T00:00:00Z',
    data,
  });
}

/** The real CVE-2024-10237 record, mapped the way the advisory ingester maps CVE JSON 5. */
export function cveAdvisory(): EventOf<'com.trustwatch.advisory.published.v1'> {
  const path = publicDataPath('cve-records', 'CVE-2024-10237.json');
  const record = JSON.parse(readFileSync(path, 'utf8')) as CveRecord;
  const cna = record.containers.cna;
  const data: AdvisoryPublished = {
    advisoryId: record.cveMetadata.cveId,
    title: cna.title,
    published: record.cveMetadata.datePublished.endsWith('Z')
      ? record.cveMetadata.datePublished
      : `${record.cveMetadata.datePublished}Z`,
    severity: { cvssScore: cna.metrics[0]?.cvssV3_1.baseScore ?? 5 },
    affected: cna.affected.map((p) => ({
      vendorId: p.vendor === 'SMCI' ? 'supermicro' : p.vendor.toLowerCase(),
      vendorName: p.vendor,
      product: p.product,
      ...(p.versions[0]?.versionType === undefined ? {} : { versionType: p.versions[0].versionType }),
      ...(p.defaultStatus === undefined ? {} : { defaultStatus: p.defaultStatus }),
      versions: p.versions.map(({ version, status }) => ({ version, status })),
    })),
    references: cna.references.map((r) => r.url),
  };
  return createEvent({
    type: 'com.trustwatch.advisory.published.v1',
    source: SOURCE,
    id: data.advisoryId,
    time: data.published,
    data,
  });
}

interface CveRecord {
  cveMetadata: { cveId: string; datePublished: string };
  containers: {
    cna: {
      title: string;
      metrics: { cvssV3_1: { baseScore: number } }[];
      affected: {
        vendor: string;
        product: string;
        defaultStatus?: 'affected' | 'unaffected' | 'unknown';
        versions: { version: string; versionType?: string; status: 'affected' | 'unaffected' }[];
      }[];
      references: { url: string }[];
    };
  };
}

/** An inventory snapshot of one X12 board whose BMC now runs `bmcVersion`. */
export function bmcObserved(
  customerId: string,
  assetId: string,
  bmcVersion: string,
  at: string,
): EventOf<'com.trustwatch.firmware.observed.v1'> {
  return createEvent({
    type: 'com.trustwatch.firmware.observed.v1',
    source: SOURCE,
    id: `obs-${assetId}-${at}`,
    time: at,
    data: {
      customerId,
      assetId,
      vendor: 'Supermicro',
      model: 'X12DPG-OA6',
      observedAt: at,
      source: { kind: 'agent', collector: 'scenario' },
      components: [
        { id: 'bmc', kind: 'bmc', version: bmcVersion, slot: 'active' },
        { id: 'bios', kind: 'bios', version: '1.4', slot: 'active' },
      ],
    },
  });
}

/** The whole story on its topics: every kind of input event, in publication order per topic. */
export function timeline(): [EventTopic, CloudEvent[]][] {
  return [
    ['news.classified', [bigHack(), ...answers()]],
    ['supplier.changed', [supplierMove('wistron', 'dell', 'motherboard', 'MX', 'CN', '2019-03-01')]],
    ['firmware.changed', [firmwareSwap('acme', 'sm-1', '2026-11-24T10:00:00Z')]],
    ['advisory.published', [cveAdvisory()]],
    ['firmware.observed', [bmcObserved('acme', 'sm-2', '1.04.18', '2025-03-02T00:00:00Z')]],
  ];
}

/** Replaces a customer's fleet in the store as an import does, and returns the fleet.changed it publishes. */
export async function reimport(
  store: TrustStore,
  customerId: string,
  assets: readonly Asset[],
  at: string,
): Promise<EventOf<'com.trustwatch.fleet.changed.v1'>> {
  const change = await store.replaceFleet(customerId, assets, Date.parse(at));
  const event = fleetChangedEventOf(change, { version: Date.parse(at), source: SOURCE, at: Date.parse(at) });
  if (event === null) throw new Error(`the re-import of ${customerId} was refused`);
  return event;
}

/** An X12 board as the portfolio describes Super Micro servers, with its BMC at `bmcVersion`. */
export function x12Board(assetId: string, bmcVersion: string): Asset {
  return {
    id: assetId,
    vendor: 'supermicro',
    model: 'X12DPG-OA6',
    components: [
      { id: 'bmc', kind: 'bmc', version: bmcVersion, hashes: [] },
      { id: 'bios', kind: 'bios', version: '1.4', hashes: [] },
    ],
  };
}
