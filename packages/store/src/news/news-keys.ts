/**
 * Redis keys of the news state, the news counterpart of `keys.ts`: every key carries the hash tag
 * `{<name>}` (default `news`), so the scripts, which build story, band and ledger keys from prefixes,
 * stay in one Cluster slot. Ids are URI-encoded so a `{`, `}` or `:` inside one can neither break the
 * tag nor collide.
 */
export interface NewsKeys {
  /** String with TTL: canonical URL -> id of the story it belongs to. */
  url(canonicalUrl: string): string;
  /** Prefix of story hashes; a story's key is `storyPrefix + storyId`, unencoded (see storyKey). */
  readonly storyPrefix: string;
  storyKey(storyId: string): string;
  /** Prefix of band sets (members: story ids); a band's key is `bandPrefix + bandName(band)`. */
  readonly bandPrefix: string;
  /** Hash with TTL: `json` (NewsStoryRecord) and `copies`. */
  record(storyId: string): string;
  /** Prefix of per-entity ledger hashes; an entity's key is `ledgerPrefix + ledgerName(entityId)`. */
  readonly ledgerPrefix: string;
  ledger(entityId: string): string;
  /** String counter ordering ledger assertions. */
  readonly seq: string;
}

const enc = encodeURIComponent;

/** The suffix a band name or entity id takes in a key built by a script from a prefix. */
export const keyPart = enc;

/** Keys of the news state `name` under `prefix` (same prefix rules as createKeys). */
export function createNewsKeys(prefix: string, name = 'news'): NewsKeys {
  if (!/^[A-Za-z0-9_.:-]{0,64}$/.test(prefix)) {
    throw new RangeError('key prefix must be 0-64 chars of [A-Za-z0-9_.:-] (no braces: they are hash tags)');
  }
  const head = prefix.replace(/:+$/, '');
  const base = `${head === '' ? '' : `${head}:`}news:{${enc(name)}}`;
  // Story ids go in unencoded (the adapter admits only [A-Za-z0-9_.-]): scripts build story keys from band members.
  const storyPrefix = `${base}:story:`;
  const ledgerPrefix = `${base}:ledger:`;
  return {
    url: (canonicalUrl) => `${base}:url:${enc(canonicalUrl)}`,
    storyPrefix,
    storyKey: (storyId) => `${storyPrefix}${storyId}`,
    bandPrefix: `${base}:band:`,
    record: (storyId) => `${base}:record:${enc(storyId)}`,
    ledgerPrefix,
    ledger: (entityId) => `${ledgerPrefix}${enc(entityId)}`,
    seq: `${base}:seq`,
  };
}
