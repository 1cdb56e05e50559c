import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * The part of a Redfish `Event` payload the push endpoint reads. Everything else a BMC sends is
 * ignored: an event only says "look again", the inventory read afterwards is the fact.
 */
const redfishEventSchema = z.looseObject({
  Context: z.string().max(256).optional(),
  Events: z
    .array(
      z.looseObject({
        MessageId: z.string().max(256).optional(),
        // Redfish before 1.6 typed events instead of naming a registry message.
        EventType: z.string().max(64).optional(),
        Context: z.string().max(256).optional(),
      }),
    )
    .max(1_000),
});
export type RedfishEvent = z.infer<typeof redfishEventSchema>;

/** Parses an untrusted, already JSON-decoded event body; undefined when it is not a Redfish event. */
export function parseRedfishEvent(value: unknown): RedfishEvent | undefined {
  const result = redfishEventSchema.safeParse(value);
  return result.success ? result.data : undefined;
}

/** Registries whose messages may mean firmware moved: resource changes and update progress. */
const TRIGGER_REGISTRIES = new Set(['ResourceEvent', 'Update']);
const TRIGGER_EVENT_TYPES = new Set(['ResourceUpdated', 'ResourceAdded', 'ResourceRemoved']);

/**
 * Whether an event should make the collector re-read the BMC: a `ResourceEvent` (ResourceChanged,
 * ResourceCreated, ...) or `Update` (UpdateSuccessful, ...) message, or a pre-1.6 resource event type.
 * Alerts and other registries (a cable pulled, a fan) do not concern firmware.
 */
export function triggersRead(event: RedfishEvent): boolean {
  return event.Events.some((record) => {
    const registry = record.MessageId?.split('.')[0];
    if (registry !== undefined && TRIGGER_REGISTRIES.has(registry)) return true;
    return record.EventType !== undefined && TRIGGER_EVENT_TYPES.has(record.EventType);
  });
}

/**
 * The subscription `Context` the event presents: the payload's, else its records' (Redfish 1.x put it
 * on each record). Every record must agree, or the event presents none.
 */
export function presentedContext(event: RedfishEvent): string | undefined {
  const contexts = new Set<string>();
  if (event.Context !== undefined) contexts.add(event.Context);
  for (const record of event.Events) if (record.Context !== undefined) contexts.add(record.Context);
  return contexts.size === 1 ? [...contexts][0] : undefined;
}

/**
 * Compares a presented context with the expected secret in constant time. Both are hashed first so the
 * comparison takes the same time whatever their lengths, and a length mismatch leaks nothing either.
 */
export function contextMatches(presented: string | undefined, expected: string): boolean {
  const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();
  const equal = timingSafeEqual(digest(presented ?? ''), digest(expected));
  return presented !== undefined && expected.length > 0 && equal;
}
