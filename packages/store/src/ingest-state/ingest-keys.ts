/**
 * Redis keys of one ingest service's snapshot state, the ingest state's counterpart of `keys.ts`: every
 * key carries the hash tag `{<service>}`, so the claim and put scripts, which touch two of them, stay
 * in one Cluster slot. The service name is URI-encoded so a `{`, `}` or `:` in it can neither break the
 * tag nor collide.
 */
export interface IngestKeys {
  /** Hash: snapshot key (product, feed) -> `<version>:<payload>`. */
  readonly snapshots: string;
  /** Hash: snapshot key -> `<lease expiry, ms>:<owner>` while an instance applies that product. */
  readonly leases: string;
  /** Hash: input key (e.g. a file's content hash) -> `1` once the input was handled. */
  readonly handled: string;
}

/** Keys of the ingest service `service` under `prefix` (same prefix rules as createKeys). */
export function createIngestKeys(prefix: string, service: string): IngestKeys {
  if (!/^[A-Za-z0-9_.:-]{0,64}$/.test(prefix)) {
    throw new RangeError('key prefix must be 0-64 chars of [A-Za-z0-9_.:-] (no braces: they are hash tags)');
  }
  if (service === '') throw new RangeError('service name must not be empty');
  const head = prefix.replace(/:+$/, '');
  const base = `${head === '' ? '' : `${head}:`}ingest:{${encodeURIComponent(service)}}`;
  return { snapshots: `${base}:snapshots`, leases: `${base}:leases`, handled: `${base}:handled` };
}
