import type { AlertingStore } from '@trustwatch/store';
import type { z } from 'zod';
import { receiverSchema, ruleSchema, type NamedStore, type Receiver, type Rule } from '../ports/alerting.js';

function namedStore<T extends { readonly name: string }>(
  store: AlertingStore,
  kind: 'rules' | 'receivers',
  schema: z.ZodType<T>,
): NamedStore<T> {
  return {
    // A document written by an older version that no longer validates is left out, not served broken.
    list: async () =>
      (await store.listNamed(kind)).flatMap((doc) => {
        const parsed = schema.safeParse(doc);
        return parsed.success ? [parsed.data] : [];
      }),
    async put(item) {
      await store.putNamed(kind, item);
      return item;
    },
  };
}

/** Receivers as the API edits them, persisted in the alerting store. */
export const createStoreReceivers = (store: AlertingStore): NamedStore<Receiver> =>
  namedStore(store, 'receivers', receiverSchema);

/** Rules as the API edits them, persisted in the alerting store. */
export const createStoreRules = (store: AlertingStore): NamedStore<Rule> =>
  namedStore(store, 'rules', ruleSchema);
