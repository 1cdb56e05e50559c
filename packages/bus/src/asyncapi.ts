import { DLQ_HEADERS } from './runner/dead-letter.js';
import type { TopicSpec } from './topics.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const KAFKA_BINDING_VERSION = '0.5.0';

// CloudEvents binary mode: the context attributes travel as `ce_` headers (see the schemas codec).
const cloudEventHeaders: Json = {
  type: 'object',
  required: ['ce_specversion', 'ce_id', 'ce_source', 'ce_type', 'ce_time', 'content-type'],
  properties: {
    ce_specversion: { type: 'string', const: '1.0' },
    ce_id: { type: 'string', description: 'Stable id; source + id is the idempotency key.' },
    ce_source: { type: 'string' },
    ce_type: { type: 'string' },
    ce_time: { type: 'string', format: 'date-time' },
    ce_subject: { type: 'string' },
    ce_dataschema: { type: 'string' },
    'content-type': { type: 'string', const: 'application/json' },
    traceparent: { type: 'string', description: 'W3C Trace Context, carried through every hop.' },
  },
};

const deadLetterHeaders: Json = {
  type: 'object',
  description: 'The original headers, plus the failure.',
  properties: Object.fromEntries(Object.values(DLQ_HEADERS).map((name) => [name, { type: 'string' }])),
};

/**
 * The catalog as an AsyncAPI 3.0 document: one channel per topic with its Kafka settings, one message per
 * event type whose payload is the type's committed JSON Schema (packages/schemas/json-schema).
 */
export function asyncApiDocument(specs: readonly TopicSpec[]): Json {
  const channels: Record<string, Json> = {};
  const messages: Record<string, Json> = {};
  for (const spec of specs) {
    const names = spec.eventTypes.length === 0 ? ['dead-letter'] : spec.eventTypes;
    channels[spec.name] = {
      address: spec.name,
      description: spec.description,
      messages: Object.fromEntries(names.map((name) => [name, { $ref: `#/components/messages/${name}` }])),
      bindings: {
        kafka: {
          partitions: spec.partitions,
          topicConfiguration: {
            'cleanup.policy': [spec.cleanupPolicy],
            'retention.ms': spec.retentionMs,
            'max.message.bytes': spec.maxMessageBytes,
          },
          bindingVersion: KAFKA_BINDING_VERSION,
        },
      },
    };
    for (const type of spec.eventTypes) {
      messages[type] = {
        name: type,
        contentType: 'application/json',
        headers: cloudEventHeaders,
        payload: { $ref: `../schemas/json-schema/${type}.json` },
        bindings: {
          kafka: { key: { type: 'string', description: spec.key }, bindingVersion: KAFKA_BINDING_VERSION },
        },
      };
    }
  }
  messages['dead-letter'] = {
    name: 'dead-letter',
    summary: 'A record that could not be processed: key, headers and value as they arrived.',
    headers: deadLetterHeaders,
  };
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Trustwatch events',
      version: '1.0.0',
      description: 'Generated from the topic catalog in packages/bus/src/topics.ts; do not edit by hand.',
    },
    defaultContentType: 'application/json',
    channels,
    components: { messages },
  };
}
