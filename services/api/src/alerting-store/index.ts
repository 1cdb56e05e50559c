// The API's alerting ports over the persisted alerting store and the alert outbox.
import type { AlertingStore } from '@trustwatch/store';
import type {
  AlertPort,
  DeliveryLogPort,
  NamedStore,
  Receiver,
  Rule,
  SilencePort,
} from '../ports/alerting.js';
import { createStoreAlertPort } from './alert-port.js';
import { createOutboxDeliveryLog, type OutboxLog } from './delivery-log.js';
import { createStoreReceivers, createStoreRules } from './named-stores.js';
import { createStoreSilencePort } from './silence-port.js';

export { createStoreAlertPort } from './alert-port.js';
export { createStoreSilencePort, toApiSilence } from './silence-port.js';
export { createStoreReceivers, createStoreRules } from './named-stores.js';
export { createOutboxDeliveryLog, deliveryOf, DELIVERY_LOG_WINDOW, type OutboxLog } from './delivery-log.js';

/** Every alerting port of the app, ready to spread into `buildApp`'s deps. */
export function alertingPorts(
  store: AlertingStore,
  outbox: OutboxLog,
  now: () => number = Date.now,
): {
  alerts: AlertPort;
  silences: SilencePort;
  receivers: NamedStore<Receiver>;
  rules: NamedStore<Rule>;
  deliveries: DeliveryLogPort;
} {
  return {
    alerts: createStoreAlertPort(store),
    silences: createStoreSilencePort(store, now),
    receivers: createStoreReceivers(store),
    rules: createStoreRules(store),
    deliveries: createOutboxDeliveryLog(outbox),
  };
}
