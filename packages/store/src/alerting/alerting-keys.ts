/**
 * Redis keys of the alerting state, the alerting counterpart of `keys.ts`. Every key of one customer
 * carries the hash tag `{<customerId>}` (the same tag as the trust store's customer keys), so the commit
 * script stays in one Cluster slot. Indexes spanning customers carry their own tags and are written next
 * to (never inside) the per-customer script. Ids are URI-encoded so a `{`, `}` or `:` inside an id can
 * neither break the tag nor collide.
 */
export interface AlertingCustomerKeys {
  /** Hash: `rev` (integer), `state` (the rules' memory, JSON) and `dispatch` (the groups, JSON). */
  readonly meta: string;
  /** String with TTL: the marker of one trust change already applied to this customer. */
  applied(eventId: string): string;
  /** Hash: fingerprint -> Alert JSON (latest version, firing or resolved). */
  readonly alerts: string;
  /** Hash: fingerprint -> ms of the last notification that listed the alert. */
  readonly notified: string;
  /** Hash: fingerprint -> acknowledgement JSON (written by people, never by the alerter). */
  readonly acks: string;
  /** Hash: notification id -> Notification JSON, committed but not yet in the outbox. */
  readonly pending: string;
}

/** The named configuration documents the API edits. */
export type NamedKind = 'rules' | 'receivers';

export interface AlertingKeys {
  customer(customerId: string): AlertingCustomerKeys;
  /** Sorted set, every score 0: members `<fingerprint>|<encoded customer>`, for listing every alert. */
  readonly alertIndex: string;
  /** Sorted set: customer id -> ms when its groups are next due (or pending notifications wait). */
  readonly due: string;
  /** Hash: silence id -> Silence JSON. */
  readonly silences: string;
  /** Hash: name -> JSON document, one per kind. */
  named(kind: NamedKind): string;
}

const enc = encodeURIComponent;

/** Keys of the alerting state under `prefix` (same prefix rules as createKeys). */
export function createAlertingKeys(prefix: string): AlertingKeys {
  if (!/^[A-Za-z0-9_.:-]{0,64}$/.test(prefix)) {
    throw new RangeError('key prefix must be 0-64 chars of [A-Za-z0-9_.:-] (no braces: they are hash tags)');
  }
  const head = prefix.replace(/:+$/, '');
  const at = (rest: string): string => (head === '' ? rest : `${head}:${rest}`);
  return {
    customer(customerId) {
      const base = at(`alerting:c:{${enc(customerId)}}`);
      return {
        meta: `${base}:meta`,
        applied: (eventId) => `${base}:applied:${enc(eventId)}`,
        alerts: `${base}:alerts`,
        notified: `${base}:notified`,
        acks: `${base}:acks`,
        pending: `${base}:pending`,
      };
    },
    alertIndex: at('alerting:{alert-index}'),
    due: at('alerting:{due}'),
    silences: at('alerting:{silences}'),
    named: (kind) => at(`alerting:{config}:${kind}`),
  };
}

/** The alert index member of one alert: fingerprints sort first, the customer follows the `|`. */
export function alertIndexMember(fingerprint: string, customerId: string): string {
  return `${fingerprint}|${enc(customerId)}`;
}

/** Reads an alert index member back (null when it is not one). */
export function parseAlertIndexMember(member: string): { fingerprint: string; customerId: string } | null {
  const bar = member.indexOf('|');
  if (bar <= 0) return null;
  return { fingerprint: member.slice(0, bar), customerId: decodeURIComponent(member.slice(bar + 1)) };
}
