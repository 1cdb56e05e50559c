import { deliveryId } from '@trustwatch/alerter';
import type { Delivery, FaultyReceiver } from './receivers.js';

/** How the requests the receivers got measure up against the alerts that should have reached them. */
export interface DeliveryJudgement {
  /** `<receiver>:<customer>` of every healthy receiver that never accepted the customer's alert. */
  readonly missing: readonly string[];
  /** Requests beyond the first for one idempotency key (retries and re-sends). */
  readonly repeatedSameKey: number;
  /** Requests a receiver accepted (2xx) although it had accepted that key before. */
  readonly acceptedTwice: number;
  /** Alerts a receiver got under more than one idempotency key: duplicates it could not drop. */
  readonly alertsUnderSeveralKeys: number;
  /** Requests whose key is not `deliveryId(notification, receiver)`. */
  readonly foreignKeys: number;
}

const accepted = (d: Delivery) => typeof d.status === 'number' && d.status < 300;

/** Judges every receiver's requests; `healthy` names the receivers that must end up with every alert. */
export function judgeDeliveries(
  receivers: readonly FaultyReceiver[],
  healthy: (name: string) => boolean,
  customers: readonly string[],
): DeliveryJudgement {
  const missing: string[] = [];
  let repeatedSameKey = 0;
  let acceptedTwice = 0;
  let alertsUnderSeveralKeys = 0;
  let foreignKeys = 0;
  for (const receiver of receivers) {
    const got = receiver.deliveries;
    if (healthy(receiver.name)) {
      const firing = new Set(
        got
          .filter(accepted)
          .flatMap((d) => d.alerts.filter((a) => a.endsWith('/firing')).map((a) => a.split('/')[0])),
      );
      for (const customer of customers)
        if (!firing.has(customer)) missing.push(`${receiver.name}:${customer}`);
    }
    const perKey = new Map<string, number>();
    const keysPerAlert = new Map<string, Set<string>>();
    for (const d of got) {
      perKey.set(d.webhookId, (perKey.get(d.webhookId) ?? 0) + 1);
      if (d.webhookId !== deliveryId(d.notificationId, receiver.name)) foreignKeys += 1;
      for (const alert of d.alerts)
        keysPerAlert.set(alert, (keysPerAlert.get(alert) ?? new Set()).add(d.webhookId));
    }
    repeatedSameKey += [...perKey.values()].reduce((sum, n) => sum + n - 1, 0);
    const acceptedKeys = got.filter(accepted).map((d) => d.webhookId);
    acceptedTwice += acceptedKeys.length - new Set(acceptedKeys).size;
    alertsUnderSeveralKeys += [...keysPerAlert.values()].filter((keys) => keys.size > 1).length;
  }
  return { missing, repeatedSameKey, acceptedTwice, alertsUnderSeveralKeys, foreignKeys };
}
