import { decorateBus, type EventBus, type EventHandler } from '@trustwatch/bus';
import type { Alert } from '@trustwatch/schemas';
import type { AlertingStore } from '@trustwatch/store';

// Alerts of one customer read per page; a demo or replay customer has a handful.
const PAGE = 500;

/**
 * What the alerter made of each trust change: the alert versions (fired, updated, resolved) its
 * application wrote to the alerting store, by trust.changed event id. The alerter keeps per-customer
 * order, so the customer's alerts read just before and just after one change differ by exactly that
 * change's alerts.
 */
export class AlertLedger {
  private readonly raised = new Map<string, readonly Alert[]>();
  private store: AlertingStore | undefined;

  /** The alerting store to read, once the alerter that owns it has started. */
  watch(store: AlertingStore): void {
    this.store = store;
  }

  /** The alerts the change with this event id raised; none when it raised none (or is unknown). */
  alertsOf(eventId: string): readonly Alert[] {
    return this.raised.get(eventId) ?? [];
  }

  /**
   * The bus as given for the alerter, except that its consumer joins `groupId` (its own on a shared
   * broker) and each trust change it handles is recorded here.
   */
  busFor(bus: EventBus, groupId: string): EventBus {
    return decorateBus(bus, {
      // The ledger records what each change did, so the alerter takes its per-event path here: its batch
      // path would apply changes without passing through the recording handler.
      consume: ({ handleBatch: _batched, ...options }) =>
        bus.consume({ ...options, groupId, handle: this.recording(options.handle) }),
    });
  }

  /**
   * Runs one dispatcher pass and returns the alerts it changed: drop alerts resolved because their
   * window passed with no further drop (the alerter's timer does this, not a trust change).
   */
  async sweep(tick: () => Promise<void>): Promise<Alert[]> {
    const store = this.store;
    if (store === undefined) {
      await tick();
      return [];
    }
    const before = await snapshot(store, 'all');
    await tick();
    return changedAlerts(before, await snapshot(store, 'all'));
  }

  private recording(handle: EventHandler): EventHandler {
    return async (event, context) => {
      const store = this.store;
      // Nothing is published before the alerter has started, so a trust change always finds the store.
      if (event.type !== 'com.trustwatch.trust.changed.v1' || store === undefined)
        return handle(event, context);
      const before = await snapshot(store, [event.data.customerId]);
      const outcome = await handle(event, context);
      const after = await snapshot(store, [event.data.customerId]);
      // A redelivered change writes nothing; the first delivery's record stands.
      if (!this.raised.has(event.id)) {
        const alerts = [...after].filter(([fp, json]) => before.get(fp) !== json).map(([, json]) => json);
        this.raised.set(
          event.id,
          alerts.map((json) => JSON.parse(json) as Alert),
        );
      }
      return outcome;
    };
  }
}

/** The alerts new or changed between two snapshots, in fingerprint order. */
function changedAlerts(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): Alert[] {
  return [...after]
    .filter(([fingerprint, json]) => before.get(fingerprint) !== json)
    .map(([, json]) => JSON.parse(json) as Alert);
}

/** One customer's (or every customer's) alerts by fingerprint, as JSON: a new version compares unequal. */
async function snapshot(
  store: AlertingStore,
  customers: readonly string[] | 'all',
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let after: string | undefined;
  do {
    const page = await store.listAlerts({
      customers,
      limit: PAGE,
      ...(after === undefined ? {} : { after }),
    });
    for (const view of page.items) out.set(view.alert.fingerprint, JSON.stringify(view.alert));
    after = page.next ?? undefined;
  } while (after !== undefined);
  return out;
}
