import { readdirSync } from 'node:fs';
import { parseCveRecord } from '@trustwatch/ingest-news';
import { createEvent, type TrustwatchEvent } from '@trustwatch/schemas';
import { assetsFromSimpleJson, type Asset, type SupplierLink } from '@trustwatch/store';
import {
  DEMO_DATA_DIR,
  demoJson,
  demoText,
  PUBLIC_DATA_DIR,
  timelineSchema,
  type TimelineStep,
} from './demo-files.js';
import { createFirmwareReader } from './firmware-steps.js';
import { createNewsReader } from './news-steps.js';
import { demoCatalog, demoOutlets } from './reference-data.js';
import { createSupplierReader } from './supplier-steps.js';

/** One moment of the demo timeline: what happened, and the input events the ingesters made of it. */
export interface DemoStep {
  readonly at: number;
  readonly kind: TimelineStep['kind'];
  readonly headline: string;
  readonly events: readonly TrustwatchEvent[];
}

/** One customer's fleet file: the document for `importFleet`, and its assets. */
export interface DemoFleet {
  readonly customerId: string;
  readonly document: unknown;
  readonly assets: readonly Asset[];
}

/** Everything the demo replays: fleets and registry at the start, then the timeline in time order. */
export interface DemoScenario {
  readonly start: number;
  readonly fleets: readonly DemoFleet[];
  readonly suppliers: readonly SupplierLink[];
  readonly steps: readonly DemoStep[];
}

const BASELINE_REGISTRY = 'suppliers/registry-2018-06-30.json';

function loadFleets(): DemoFleet[] {
  const files = readdirSync(`${DEMO_DATA_DIR}fleets`).filter((f) => f.endsWith('.json'));
  return files.sort().map((file) => {
    const document = demoJson(`fleets/${file}`);
    return { customerId: file.replace(/\.json$/, ''), document, assets: assetsFromSimpleJson(document) };
  });
}

/**
 * Builds the demo from demo-data/ by running the real ingest code on it: the news classifier on the
 * articles, the CVE reader on the CVE records, the registry differ on the supplier snapshots and the
 * firmware change detector on the inventory snapshots. Nothing in the timeline is a pre-computed result.
 */
export function loadDemoScenario(): DemoScenario {
  const timeline = demoJson('timeline.json', timelineSchema);
  const catalog = demoCatalog();
  const fleets = loadFleets();
  const suppliers = createSupplierReader(BASELINE_REGISTRY, catalog);
  const readNews = createNewsReader(catalog, demoOutlets());
  const readFirmware = createFirmwareReader(
    new Map(fleets.map((f) => [f.customerId, f.assets])),
    catalog,
    timeline.start,
  );
  const steps = timeline.steps.flatMap((step): DemoStep[] => {
    const events = eventsOf(step);
    const first = events[0];
    if (first === undefined) return [];
    return [
      {
        at: Date.parse(first.time ?? timeline.start),
        kind: step.kind,
        headline: headlineOf(step, events),
        events,
      },
    ];
  });

  function eventsOf(step: TimelineStep): TrustwatchEvent[] {
    switch (step.kind) {
      case 'news': {
        const event = readNews(step.article);
        return event === null ? [] : [event];
      }
      case 'firmware':
        return readFirmware(step.snapshot);
      case 'registry':
        return suppliers.next(step.file);
      case 'advisory': {
        const data = parseCveRecord(demoText(step.file, PUBLIC_DATA_DIR), catalog, { source: step.file });
        return [
          createEvent({
            type: 'com.trustwatch.advisory.published.v1',
            source: 'trustwatch://demo/ingest-news',
            id: data.advisoryId,
            time: data.published,
            data,
          }),
        ];
      }
    }
  }

  return {
    start: Date.parse(timeline.start),
    fleets,
    suppliers: suppliers.links,
    steps: [...steps].sort((a, b) => a.at - b.at),
  };
}

function headlineOf(step: TimelineStep, events: readonly TrustwatchEvent[]): string {
  if (step.note !== undefined) return step.note;
  const [event] = events;
  if (event?.type === 'com.trustwatch.news.classified.v1') {
    return `${event.data.outlets[0]?.name ?? 'news'}: ${event.data.title}`;
  }
  if (event?.type === 'com.trustwatch.advisory.published.v1') {
    return `${event.data.advisoryId} published: ${event.data.title}`;
  }
  return describeFirmware(events);
}

function describeFirmware(events: readonly TrustwatchEvent[]): string {
  const parts = events.flatMap((event) => {
    if (event.type !== 'com.trustwatch.firmware.changed.v1') return [];
    const d = event.data;
    return [
      `${d.assetId} ${d.component.id} ${d.change.replaceAll('_', ' ')} (${d.before?.version ?? '-'} -> ${d.after?.version ?? '-'})`,
    ];
  });
  return parts.length > 0 ? parts.join('; ') : 'inventory snapshot';
}
