import type { EventBus } from '@trustwatch/bus';
import { loadEntityCatalog } from '@trustwatch/entities';
import type { Logger } from '@trustwatch/logging';
import { createMemoryAlertingStore, type AlertingStore } from '@trustwatch/store';
import { createMemoryOutbox } from '../outbox/memory-outbox.js';
import type { OutboxPort } from '../outbox/outbox-port.js';
import { startAlerter, type Alerter } from './alerter.js';
import { loadAlertingSetup, type SetupFiles } from './alerting-setup.js';
import { catalogDisplayNames } from './display-names.js';

export interface EmbeddedAlerterOptions extends SetupFiles {
  /** The in-process bus the rest of the pipeline publishes trust.changed on (its topics must exist). */
  readonly bus: EventBus;
  readonly log: Logger;
  /** Default `http://localhost:8080`, where the demo serves the dashboard. */
  readonly dashboardBaseUrl?: string;
  readonly tickMs?: number;
  readonly now?: () => number;
  /** Customer id -> name, shown in summaries (vendor names come from the entity catalog). */
  readonly customerNames?: Readonly<Record<string, string>>;
}

/** A running in-process alerter with the memory state it keeps (the API's ports can read it). */
export interface EmbeddedAlerter extends Alerter {
  readonly store: AlertingStore;
  readonly outbox: OutboxPort;
}

/**
 * The whole alerter in one process for the demo: memory alerting store and outbox, the shipped rules
 * and routing unless files are named, and the given bus. Without a receivers file nothing leaves the
 * process: notifications are recorded in the outbox's delivery log as dead units (unknown receiver).
 */
export async function startEmbeddedAlerter(options: EmbeddedAlerterOptions): Promise<EmbeddedAlerter> {
  const store = createMemoryAlertingStore();
  const outbox = createMemoryOutbox();
  const alerter = await startAlerter({
    bus: options.bus,
    store,
    outbox,
    setup: await loadAlertingSetup(options),
    log: options.log,
    dashboardBaseUrl: options.dashboardBaseUrl ?? 'http://localhost:8080',
    displayName: catalogDisplayNames(loadEntityCatalog(), options.customerNames),
    ...(options.tickMs === undefined ? {} : { tickMs: options.tickMs }),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  return { ...alerter, store, outbox };
}
