import { topicCatalog, type EventTopic, type RawRecord } from '@trustwatch/bus';
import {
  TrustwatchError,
  createEvent,
  decodeBinary,
  decodeEvent,
  encodeBinary,
  eventDefinition,
  type EventType,
} from '@trustwatch/schemas';
import { ENGINE_TOPICS } from '@trustwatch/trust-engine';
import fc from 'fast-check';
import type { Portfolio } from './event-set.js';
import { serialise, type Json } from './hostile.js';
import { nearMissOf, type NearMissKind } from './near-miss.js';
import { validDataOf, type Overrides } from './schema-arbitrary.js';

/** Header naming each generated record, so its dead letter (if any) can be matched to it. */
export const GENERATED_ID_HEADER = 'generated-id';
/** Header naming what a generated record is: `valid` or the near-miss kind. */
export const GENERATED_KIND_HEADER = 'generated-kind';

/** One generated record on an engine input topic and how the real decoders judge it in-process. */
export interface GeneratedRecord {
  readonly topic: EventTopic;
  readonly id: string;
  readonly kind: 'valid' | NearMissKind;
  /** Where the near-miss was made (a dotted path into `data`); empty for valid events. */
  readonly path: string;
  readonly record: RawRecord;
  /** `accepted`, or the code of the classified error the decoders refuse it with. */
  readonly verdict: string;
}

/** The event type the catalog puts on each of `topics` (each input topic carries one type). */
export function inputsOf(topics: readonly EventTopic[]): { topic: EventTopic; type: EventType }[] {
  const catalog = topicCatalog();
  return topics.map((topic) => {
    const type = catalog.find((spec) => spec.name === topic)?.eventTypes[0];
    if (type === undefined) throw new Error(`no event type for ${topic}`);
    return { topic, type: type as EventType };
  });
}

/**
 * Valid ids are mostly the portfolio's own (customers, assets, vendors, suppliers), so generated events
 * reach real fleets and factors instead of all being "touches no customer"; the rest stay arbitrary.
 */
function portfolioOverrides(portfolio: Portfolio): Overrides {
  const stableId = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:@/+-]{0,40}$/);
  const known = (ids: readonly string[]) =>
    fc.oneof({ arbitrary: fc.constantFrom(...ids), weight: 3 }, stableId);
  const assets = [...portfolio.customers.values()].flat();
  const vendors = [...new Set(portfolio.suppliers.map((s) => s.vendorId))];
  const suppliers = portfolio.suppliers.map((s) => s.supplierId);
  return {
    customerId: known([...portfolio.customers.keys()]),
    assetId: known(assets.map((a) => a.id)),
    vendorId: known(vendors),
    supplierId: known(suppliers),
    entityId: known([...vendors, ...suppliers]),
    // BCP 47 tags are checked by the runtime's tag parser as well; a few real ones keep most draws valid.
    language: fc.constantFrom('en', 'zh-Hant-TW', 'de-CH', 'ja', 'fr'),
    // The digest's hex length must match its algorithm (a refinement), so draw the pair together.
    hash: fc
      .constantFrom(
        ['md5', 32] as const,
        ['sha256', 64] as const,
        ['sha384', 96] as const,
        ['sha512', 128] as const,
      )
      .chain(([algorithm, length]) =>
        fc
          .stringMatching(new RegExp(`^[0-9a-fA-F]{${String(length)}}$`))
          .map((value) => ({ algorithm, value })),
      ),
  };
}

/** How the real codec and registry judge a record: `accepted` or the refusal's code. */
export function verdictOf(record: RawRecord): string {
  try {
    decodeEvent(decodeBinary(record));
    return 'accepted';
  } catch (error) {
    return error instanceof TrustwatchError && !error.retriable
      ? String(error.code)
      : `UNCLASSIFIED: ${String(error)}`;
  }
}

/**
 * `perType` valid events and `perType` near-misses of the type of each topic (by default the engine's
 * inputs), generated from the zod schemas of the registry with one seed. Near-misses keep the headers
 * and key of the valid event they were made from; only the value changes.
 */
export function generateRecords(
  portfolio: Portfolio,
  perType: number,
  seed: number,
  topics: readonly EventTopic[] = ENGINE_TOPICS,
): GeneratedRecord[] {
  const overrides = portfolioOverrides(portfolio);
  const out: GeneratedRecord[] = [];
  inputsOf(topics).forEach(({ topic, type }, t) => {
    const definition = eventDefinition(type);
    const valid = validDataOf(definition.schema, overrides);
    const envelope = (data: Json, id: string) =>
      encodeBinary(
        createEvent({
          type,
          source: 'trustwatch://faults/generated',
          id,
          time: '2031-01-01T00:00:00Z',
          data: data as never,
        }),
      );
    const label = (id: string, kind: string) => ({
      [GENERATED_ID_HEADER]: id,
      [GENERATED_KIND_HEADER]: kind,
    });
    fc.sample(valid, { numRuns: perType, seed: seed + t }).forEach((data, i) => {
      const id = `gen-${type}-valid-${String(i)}`;
      const message = envelope(data, id);
      const record = {
        key: message.key,
        value: message.value,
        headers: { ...message.headers, ...label(id, 'valid') },
      };
      out.push({ topic, id, kind: 'valid', path: '', record, verdict: verdictOf(record) });
    });
    const misses = fc.sample(nearMissOf(definition.schema, valid), {
      numRuns: perType,
      seed: seed + t + 100,
    });
    misses.forEach((miss, i) => {
      const id = `gen-${type}-miss-${String(i)}`;
      const message = envelope(miss.base, id);
      const record = {
        key: message.key,
        value: Buffer.from(serialise(miss.data)),
        headers: { ...message.headers, ...label(id, miss.kind) },
      };
      out.push({ topic, id, kind: miss.kind, path: miss.path, record, verdict: verdictOf(record) });
    });
  });
  return out;
}
