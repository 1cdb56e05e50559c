import { BusError } from './errors.js';

/** Logical names of the topics Trustwatch owns; the physical name may carry a namespace prefix. */
export const TOPIC_NAMES = [
  'firmware.observed',
  'firmware.changed',
  'supplier.changed',
  'news.published',
  'news.classified',
  'advisory.published',
  'fleet.changed',
  'trust.changed',
  'alerts',
] as const;
export type EventTopic = (typeof TOPIC_NAMES)[number];
/** A dead-letter topic: one per consumed topic. */
export type DeadLetterTopic = `${EventTopic}.dlq`;
/** Any catalog topic, event or dead-letter. */
export type TopicName = EventTopic | DeadLetterTopic;

/** One row of the topic catalog: everything producers, consumers and provisioning need to agree on. */
export interface TopicSpec {
  readonly name: TopicName;
  readonly description: string;
  readonly partitions: number;
  readonly retentionMs: number;
  readonly cleanupPolicy: 'delete' | 'compact';
  /** What the record key (the CloudEvents `partitionkey`) is: it decides ordering. */
  readonly key: string;
  /** CloudEvents types allowed on the topic; any other type is dead-lettered. Empty for dead-letter topics. */
  readonly eventTypes: readonly string[];
  /** Largest record the topic accepts, in bytes (the broker's `max.message.bytes` for the topic). */
  readonly maxMessageBytes: number;
  /** Where failed records of this topic go; absent for dead-letter topics themselves. */
  readonly deadLetter?: DeadLetterTopic;
}

const DAY_MS = 86_400_000;
/** The broker's default `message.max.bytes` (1 MiB plus record overhead): the codec's limit fits under it. */
export const DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;

type EventTopicSpec = Omit<TopicSpec, 'name' | 'maxMessageBytes' | 'deadLetter'>;

// Keys follow each event type's `partitionKey` in @trustwatch/schemas. Partition counts: inventory and
// trust topics are keyed by customer and carry the bulk of the traffic, so they get room to scale
// consumers; the editorial topics are small. Retention: raw inputs are replayable for a week, derived
// facts for a month (the longest retry window plus a re-score), supplier changes for a year because they
// arrive rarely and re-scoring needs them.
const EVENT_TOPICS: Record<EventTopic, EventTopicSpec> = {
  'firmware.observed': {
    description: 'Raw inventory snapshots of one server, as collected.',
    partitions: 6,
    retentionMs: 7 * DAY_MS,
    cleanupPolicy: 'delete',
    key: 'customer id',
    eventTypes: ['com.trustwatch.firmware.observed.v1'],
  },
  'firmware.changed': {
    description: 'A component of an asset changed firmware version or hash.',
    partitions: 6,
    retentionMs: 30 * DAY_MS,
    cleanupPolicy: 'delete',
    key: 'customer id',
    eventTypes: ['com.trustwatch.firmware.changed.v1'],
  },
  'supplier.changed': {
    description: "A vendor's supplier for a component category was added, removed or relocated.",
    partitions: 3,
    retentionMs: 365 * DAY_MS,
    cleanupPolicy: 'delete',
    key: 'vendor id',
    eventTypes: ['com.trustwatch.supplier.changed.v1'],
  },
  'news.published': {
    description: 'An article published by a monitored outlet.',
    partitions: 3,
    retentionMs: 7 * DAY_MS,
    cleanupPolicy: 'delete',
    key: 'outlet host (canonical host of the article URL)',
    eventTypes: ['com.trustwatch.news.published.v1'],
  },
  'news.classified': {
    description: 'An article with its entities, claim kinds and credibility.',
    partitions: 3,
    retentionMs: 30 * DAY_MS,
    cleanupPolicy: 'delete',
    key: 'subject entity id, else story id',
    eventTypes: ['com.trustwatch.news.classified.v1'],
  },
  'advisory.published': {
    description: 'A security advisory naming vendors or components.',
    partitions: 3,
    retentionMs: 30 * DAY_MS,
    cleanupPolicy: 'delete',
    key: 'advisory id',
    eventTypes: ['com.trustwatch.advisory.published.v1'],
  },
  'fleet.changed': {
    description: "A customer's fleet was re-imported: its factors are re-bound and it is re-scored.",
    partitions: 6,
    retentionMs: 30 * DAY_MS,
    cleanupPolicy: 'delete',
    key: 'customer id',
    eventTypes: ['com.trustwatch.fleet.changed.v1'],
  },
  'trust.changed': {
    description: "A material move in one customer's trust score.",
    partitions: 6,
    retentionMs: 30 * DAY_MS,
    cleanupPolicy: 'delete',
    key: 'customer id',
    eventTypes: ['com.trustwatch.trust.changed.v1'],
  },
  alerts: {
    description: 'Alerts fired or resolved, routed to channels.',
    partitions: 3,
    retentionMs: 30 * DAY_MS,
    cleanupPolicy: 'delete',
    key: 'customer id',
    eventTypes: ['com.trustwatch.alert.v1'],
  },
};

/** Per-topic changes a deployment (or a test) may make to the catalog, e.g. a larger record limit. */
export type TopicOverrides = Partial<Record<TopicName, { partitions?: number; maxMessageBytes?: number }>>;

/**
 * The topic catalog: every topic and dead-letter topic, in a stable order. Dead-letter topics keep
 * records for 30 days with one partition: they are read by people and replay tools, not at scale.
 */
export function topicCatalog(overrides: TopicOverrides = {}): readonly TopicSpec[] {
  const specs: TopicSpec[] = [];
  for (const name of TOPIC_NAMES) {
    const base = EVENT_TOPICS[name];
    const deadLetter: DeadLetterTopic = `${name}.dlq`;
    specs.push(
      withOverrides({ ...base, name, maxMessageBytes: DEFAULT_MAX_MESSAGE_BYTES, deadLetter }, overrides),
    );
    specs.push(
      withOverrides(
        {
          name: deadLetter,
          description: `Records of ${name} that could not be processed, with the reason in headers.`,
          partitions: 1,
          retentionMs: 30 * DAY_MS,
          cleanupPolicy: 'delete',
          key: `as on ${name}`,
          eventTypes: [],
          maxMessageBytes: DEFAULT_MAX_MESSAGE_BYTES,
        },
        overrides,
      ),
    );
  }
  return specs;
}

function withOverrides(spec: TopicSpec, overrides: TopicOverrides): TopicSpec {
  const override = overrides[spec.name];
  return Object.freeze({ ...spec, ...override });
}

/** Maps logical topic names to physical ones under a namespace prefix, and back. */
export class TopicCatalog {
  readonly specs: readonly TopicSpec[];
  private readonly byName: ReadonlyMap<string, TopicSpec>;

  constructor(
    /** Prefix for every physical topic name, e.g. `test-1a2b.`; empty in production. */
    readonly namespace = '',
    overrides: TopicOverrides = {},
  ) {
    this.specs = topicCatalog(overrides);
    this.byName = new Map(this.specs.map((spec) => [spec.name, spec]));
  }

  spec(name: string): TopicSpec {
    const spec = this.byName.get(name);
    if (spec === undefined) throw new BusError('UNKNOWN_TOPIC', `topic "${name}" is not in the catalog`);
    return spec;
  }

  physical(name: TopicName): string {
    return `${this.namespace}${this.spec(name).name}`;
  }

  logical(physical: string): TopicSpec {
    if (!physical.startsWith(this.namespace)) {
      throw new BusError('UNKNOWN_TOPIC', `topic "${physical}" is outside namespace "${this.namespace}"`);
    }
    return this.spec(physical.slice(this.namespace.length));
  }
}
