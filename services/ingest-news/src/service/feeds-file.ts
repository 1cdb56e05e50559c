import { httpUrlSchema, nameSchema } from '@trustwatch/schemas';
import { z } from 'zod';
import { IngestNewsError } from '../errors.js';
import { readJsonDocument } from '../parse/untrusted-json.js';
import type { FeedSpec } from './feed-poller.js';

/** Largest feeds file read; a few thousand feeds fit in well under this. */
const MAX_FEEDS_FILE_BYTES = 1024 * 1024;

/**
 * The operator's feeds file: `{ "feeds": [{ "url", "interval", "outlet" }] }`, `interval` in seconds.
 * A minute is the floor in production practice, but the schema allows one second so tests can run
 * against a local server without waiting.
 */
export const feedsFileSchema = z.strictObject({
  about: z.string().optional(),
  feeds: z
    .array(
      z.strictObject({
        url: httpUrlSchema,
        /** Seconds between two fetches of the feed; a day at most, since news goes stale. */
        interval: z.int().min(1).max(86_400),
        outlet: nameSchema,
      }),
    )
    .max(10_000)
    .refine((feeds) => new Set(feeds.map((feed) => feed.url)).size === feeds.length, 'each feed URL once'),
});

/** Validates a feeds file's text into feed specs; throws `FEEDS_FILE_INVALID` naming the first bad path. */
export function parseFeedsFile(text: string, source: string): FeedSpec[] {
  const parsed = feedsFileSchema.safeParse(
    readJsonDocument(text, { source, maxBytes: MAX_FEEDS_FILE_BYTES }),
  );
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const path = first?.path.map(String).join('.') || '(root)';
    throw new IngestNewsError('FEEDS_FILE_INVALID', `${path}: ${first?.message ?? 'invalid'}`, { source });
  }
  return parsed.data.feeds.map((feed) => ({
    url: feed.url,
    intervalMs: feed.interval * 1000,
    outlet: feed.outlet,
  }));
}
