// Input event families: what collectors and feeds publish, before the trust engine sees them.
import { advisoryPublishedEvent } from './advisory-published.js';
import { firmwareChangedEvent } from './firmware-changed.js';
import { firmwareObservedEvent } from './firmware-observed.js';
import { fleetChangedEvent } from './fleet-changed.js';
import { newsClassifiedEvent } from './news-classified.js';
import { newsPublishedEvent } from './news-published.js';
import { supplierChangedEvent } from './supplier-changed.js';

export * from './common.js';
export * from './country-codes.js';
export * from './firmware-observed.js';
export * from './firmware-changed.js';
export * from './supplier-changed.js';
export * from './news-published.js';
export * from './news-classified.js';
export * from './advisory-published.js';
export * from './fleet-changed.js';

/** Every input event type; merged with the trust events in the registry. */
export const INPUT_EVENTS = [
  firmwareObservedEvent,
  firmwareChangedEvent,
  supplierChangedEvent,
  newsPublishedEvent,
  newsClassifiedEvent,
  advisoryPublishedEvent,
  fleetChangedEvent,
] as const;
