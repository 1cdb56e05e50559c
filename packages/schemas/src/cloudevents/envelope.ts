import { z } from 'zod';

/** Reverse-DNS, versioned event type names: `com.trustwatch.firmware.changed.v1`. */
export const EVENT_TYPE_PATTERN = /^com\.trustwatch(\.[a-z][a-z0-9-]*)+\.v[1-9][0-9]*$/;
/** W3C Trace Context `traceparent`, version 00. */
export const TRACEPARENT_PATTERN = /^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/**
 * CloudEvents 1.0 context attributes used by Trustwatch. `source` + `id` is the idempotency key;
 * `partitionkey` (the Partitioning extension) becomes the Kafka record key; `traceparent` (the
 * Distributed Tracing extension) is carried through every hop.
 */
export const cloudEventAttributesSchema = z.strictObject({
  specversion: z.literal('1.0'),
  id: z.string().min(1).max(256),
  source: z.string().min(1).max(1024),
  type: z
    .string()
    .max(256)
    .regex(EVENT_TYPE_PATTERN, 'must be reverse-DNS and versioned, e.g. com.trustwatch.firmware.changed.v1'),
  time: z.iso.datetime({ offset: true }),
  subject: z.string().min(1).max(512).optional(),
  datacontenttype: z.literal('application/json'),
  dataschema: z.string().min(1).max(1024).optional(),
  partitionkey: z.string().min(1).max(256),
  traceparent: z.string().regex(TRACEPARENT_PATTERN, 'must be a W3C traceparent').optional(),
});

export type CloudEventAttributes = z.infer<typeof cloudEventAttributesSchema>;

/** A CloudEvent whose data has not been validated against its type's schema yet. */
export interface CloudEvent<Data = unknown> extends CloudEventAttributes {
  data: Data;
}
