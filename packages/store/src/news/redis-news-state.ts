import type { Redis } from 'ioredis';
import { scriptError, StoreError, unavailable } from '../errors.js';
import { createNewsKeys, keyPart, type NewsKeys } from './news-keys.js';
import { fromHex, ledgerArgs, readLedger, toHex } from './news-codec.js';
import type {
  NewsDeskOutcome,
  NewsModel,
  RedisNewsState,
  NewsStory,
  NewsStoryCopy,
  NewsStoryRecord,
} from './news-types.js';

/** Stories, URL markers and bands are kept this long after a story's last copy arrived: 30 days. */
export const DEFAULT_STORY_RETENTION_SECONDS = 30 * 86_400;
/** Ledger entries of an entity are kept this long after its last write: 400 days (a year of corroboration). */
export const DEFAULT_LEDGER_RETENTION_SECONDS = 400 * 86_400;

export interface RedisNewsStateOptions<R> {
  /** Key prefix (`tw` in production, a unique one per test). */
  readonly prefix: string;
  /** The service's story and claim model (fingerprints, near-duplicate threshold, ledger writes). */
  readonly model: NewsModel<R>;
  /** Name of the state, the hash tag of all its keys (default `news`). */
  readonly name?: string;
  /** How long a story (and its records) outlives its last copy, seconds. Default 30 days. */
  readonly retentionSeconds?: number;
  /** How long an entity's claim ledger outlives its last write, seconds. Default 400 days. */
  readonly ledgerRetentionSeconds?: number;
}

// Story ids become key suffixes inside the scripts unencoded, so they may not contain a brace or colon.
const STORY_ID = /^[A-Za-z0-9_.-]{1,200}$/;

interface StoryMeta {
  storyId: string;
  canonicalUrl: string;
  title: string;
  text: string;
  language: string;
}

async function guard<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw unavailable(operation, err);
  }
}

function positiveSeconds(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer`);
  return value;
}

function storyFrom<R>(reply: unknown): { code: number; story: NewsStory<R>; equal: number } {
  if (!Array.isArray(reply) || reply.length !== 6) {
    throw new StoreError('CORRUPT_STATE', 'addNewsArticle replied with an unexpected shape');
  }
  const [code, , meta, sig, copies, equal] = reply as [number, string, string, string, string, number];
  if (code !== 0 && code !== 1 && code !== 2) {
    throw new StoreError('CORRUPT_STATE', `addNewsArticle replied with unknown outcome ${String(code)}`);
  }
  try {
    const parsed = JSON.parse(meta) as StoryMeta;
    const story: NewsStory<R> = {
      storyId: parsed.storyId,
      canonicalUrl: parsed.canonicalUrl,
      title: parsed.title,
      text: parsed.text,
      language: parsed.language,
      signature: fromHex(sig),
      copies: JSON.parse(copies) as NewsStoryCopy<R>[],
    };
    return { code, story, equal };
  } catch (cause) {
    throw new StoreError('CORRUPT_STATE', 'news story is not the JSON this package writes', { cause });
  }
}

/**
 * The ingest's NewsState on Redis: the story desk (canonical-URL markers, MinHash band sets, stories
 * with every copy) and the claim ledger (one hash per entity), shared by every ingest instance and kept
 * across restarts. Deduplication and syndication collapse happen inside one script, so concurrent
 * instances agree on every story. Needs a client with registerNewsScripts applied.
 */
export function createRedisNewsState<R>(redis: Redis, options: RedisNewsStateOptions<R>): RedisNewsState<R> {
  const keys: NewsKeys = createNewsKeys(options.prefix, options.name);
  const { model } = options;
  const retention = positiveSeconds(options.retentionSeconds ?? DEFAULT_STORY_RETENTION_SECONDS, 'retention');
  const ledgerRetention = positiveSeconds(
    options.ledgerRetentionSeconds ?? DEFAULT_LEDGER_RETENTION_SECONDS,
    'ledger retention',
  );

  return {
    async addArticle(article) {
      const print = model.fingerprint(article);
      if (!STORY_ID.test(print.storyId) || print.bands.length === 0) {
        throw new StoreError('INVALID_ARGUMENT', 'story id must be [A-Za-z0-9_.-] and bands non-empty');
      }
      const size = print.signature.length;
      const meta: StoryMeta = {
        storyId: print.storyId,
        canonicalUrl: print.canonicalUrl,
        title: print.title,
        text: print.text,
        language: print.language,
      };
      const reply = await guard('news add article', () =>
        redis.twAddNewsArticle(
          keys.url(print.canonicalUrl),
          keys.storyKey(print.storyId),
          print.storyId,
          print.canonicalUrl,
          JSON.stringify(meta),
          toHex(print.signature),
          JSON.stringify(print.copy),
          Math.max(1, Math.ceil(model.nearDuplicateJaccard * size)),
          retention,
          keys.storyPrefix,
          keys.bandPrefix,
          ...print.bands.map(keyPart),
        ),
      );
      if (typeof reply === 'number') throw scriptError('addNewsArticle', reply);
      const { code, story, equal } = storyFrom<R>(reply);
      const outcome: NewsDeskOutcome<R> =
        code === 0
          ? { outcome: 'new', story }
          : code === 1
            ? { outcome: 'syndicated', story, similarity: equal / size }
            : { outcome: 'same-url', story };
      return outcome;
    },
    ledgerSlice: (entityIds) =>
      guard('news ledger slice', async () => {
        const wanted = [...new Set(entityIds)];
        if (wanted.length === 0) return { asserted: [], denied: [], answered: [] };
        const pipeline = redis.pipeline();
        for (const entityId of wanted) pipeline.hgetall(keys.ledger(entityId));
        const replies = (await pipeline.exec()) ?? [];
        return readLedger(
          wanted,
          replies.map(([err, hash]) => {
            if (err !== null) throw err;
            return hash as Record<string, string>;
          }),
        );
      }),
    async recordStory(record: NewsStoryRecord) {
      if (!Number.isInteger(record.copies) || record.copies < 1 || record.storyId === '') {
        throw new StoreError('INVALID_ARGUMENT', 'a story record needs a story id and copies >= 1');
      }
      const writes = ledgerArgs(model.ledgerWrites(record.storyId, record.group, record.claims));
      const code = await guard('news record story', () =>
        redis.twRecordNewsStory(
          keys.record(record.storyId),
          keys.seq,
          record.storyId,
          record.group,
          record.copies,
          JSON.stringify(record),
          retention,
          ledgerRetention,
          keys.ledgerPrefix,
          ...writes,
        ),
      );
      if (code < 0) throw scriptError('recordNewsStory', code);
    },
    storyRecord: (storyId) =>
      guard('news story record', async () => {
        const json = await redis.hget(keys.record(storyId), 'json');
        if (json === null) return undefined;
        try {
          return JSON.parse(json) as NewsStoryRecord;
        } catch (cause) {
          throw new StoreError('CORRUPT_STATE', 'story record is not the JSON this package writes', {
            cause,
          });
        }
      }),
  };
}
