import type { AlertingStore, AlertView } from '@trustwatch/store';
import type { AlertPort, AlertRecord } from '../ports/alerting.js';

const toRecord = (view: AlertView): AlertRecord => ({ alert: view.alert, acknowledged: view.acknowledged });

/** The AlertPort over the persisted alerting store: the alerts the alerter keeps, with acknowledgements. */
export function createStoreAlertPort(store: AlertingStore): AlertPort {
  return {
    async list(query) {
      const page = await store.listAlerts({
        customers: query.customers,
        limit: query.limit,
        ...(query.status === undefined ? {} : { status: query.status }),
        ...(query.after === undefined ? {} : { after: query.after }),
      });
      return { items: page.items.map(toRecord), next: page.next };
    },
    async get(fingerprint) {
      const view = await store.getAlert(fingerprint);
      return view === null ? null : toRecord(view);
    },
    async acknowledge(fingerprint, ack) {
      const view = await store.acknowledgeAlert(fingerprint, ack);
      return view === null ? null : toRecord(view);
    },
  };
}
