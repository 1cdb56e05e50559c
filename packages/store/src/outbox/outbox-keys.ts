/**
 * Redis keys of one alert outbox, the outbox's counterpart of `keys.ts`: every key carries the hash tag
 * `{<outbox name>}`, so the claim script, which builds unit keys from a prefix, stays in one Cluster
 * slot. Ids are URI-encoded so a `{`, `}` or `:` inside an id can neither break the tag nor collide.
 */
export interface OutboxKeys {
  /**
   * Prefix of unit hashes; a unit's key is `unitPrefix + id`, unencoded, because the claim script builds
   * it from the due set's member. The tag is the first `{...}` of the key, so braces in an id are harmless.
   */
  readonly unitPrefix: string;
  unit(id: string): string;
  /** Sorted set: score = due (ms; lease expiry while claimed), member = unit id. */
  readonly due: string;
  /** Sorted set of every unit: score = created (ms). */
  readonly log: string;
  logOfCustomer(customer: string): string;
  logOfReceiver(receiver: string): string;
  /** Hash: receiver -> ms when it was disabled. */
  readonly disabled: string;
}

const enc = encodeURIComponent;

/** Keys of the outbox `name` under `prefix` (same prefix rules as createKeys). */
export function createOutboxKeys(prefix: string, name = 'alerts'): OutboxKeys {
  if (!/^[A-Za-z0-9_.:-]{0,64}$/.test(prefix)) {
    throw new RangeError('key prefix must be 0-64 chars of [A-Za-z0-9_.:-] (no braces: they are hash tags)');
  }
  const head = prefix.replace(/:+$/, '');
  const base = `${head === '' ? '' : `${head}:`}outbox:{${enc(name)}}`;
  const unitPrefix = `${base}:u:`;
  return {
    unitPrefix,
    unit: (id) => `${unitPrefix}${id}`,
    due: `${base}:due`,
    log: `${base}:log`,
    logOfCustomer: (customer) => `${base}:log:c:${enc(customer)}`,
    logOfReceiver: (receiver) => `${base}:log:r:${enc(receiver)}`,
    disabled: `${base}:disabled`,
  };
}
