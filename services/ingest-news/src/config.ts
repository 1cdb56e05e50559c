import { readFileSync } from 'node:fs';
import {
  envList,
  kafkaSection,
  loadConfig,
  loggingSection,
  redisSection,
  type Env,
} from '@trustwatch/config';
import { z } from 'zod';
import { IngestNewsError } from './errors.js';
import { DEFAULT_MAX_FEED_BYTES } from './parse/feed.js';
import { DEFAULT_FETCH_TIMEOUT_MS } from './parse/fetch-feed.js';
import type { FeedSpec } from './service/feed-poller.js';
import { parseFeedsFile } from './service/feeds-file.js';

const positiveMs = (fallback: number) => z.coerce.number().int().positive().max(86_400_000).default(fallback);
const name = z.string().regex(/^[A-Za-z0-9._-]{0,200}$/, { error: 'letters, digits, ".", "_" and "-" only' });
const file = z.string().min(1).optional();

/** Reads and validates the feeds file; problems become config issues on the variable. */
function loadFeeds(path: string | undefined, ctx: z.RefinementCtx): FeedSpec[] {
  if (path === undefined) return [];
  try {
    return parseFeedsFile(readFileSync(path, 'utf8'), path);
  } catch (error) {
    const problem =
      error instanceof IngestNewsError
        ? error.message
        : `cannot read file ${path} (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`;
    ctx.addIssue({ code: 'custom', path: ['NEWS_FEEDS_FILE'], message: problem });
    return [];
  }
}

/**
 * The service's own variables. NEWS_FEEDS_FILE: the feeds to poll (JSON, see README). NEWS_IMPORT_PATHS:
 * CVE records, STIX bundles and feed files (or folders of them) read once at start, comma-separated.
 * NEWS_ENTITY_CATALOG_FILE, NEWS_LEXICON_FILE, NEWS_OUTLETS_FILE: operator data (default: the shipped
 * files). NEWS_POLL_CONCURRENCY, NEWS_FETCH_TIMEOUT_MS, NEWS_MAX_FEED_BYTES: feed fetching limits.
 * NEWS_STORY_RETENTION_DAYS: how long the shared story desk remembers a story after its last copy.
 * INGEST_NEWS_GROUP_ID, KAFKA_TOPIC_NAMESPACE, SHUTDOWN_DEADLINE_MS.
 */
export function newsSection() {
  return z
    .object({
      NEWS_FEEDS_FILE: file,
      NEWS_IMPORT_PATHS: envList(z.string().min(1)).optional(),
      NEWS_ENTITY_CATALOG_FILE: file,
      NEWS_LEXICON_FILE: file,
      NEWS_OUTLETS_FILE: file,
      NEWS_POLL_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
      NEWS_FETCH_TIMEOUT_MS: positiveMs(DEFAULT_FETCH_TIMEOUT_MS),
      NEWS_MAX_FEED_BYTES: z.coerce
        .number()
        .int()
        .min(1024)
        .max(100 * 1024 * 1024)
        .default(DEFAULT_MAX_FEED_BYTES),
      // A month covers syndication (copies arrive within days) and feeds re-serving old items.
      NEWS_STORY_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
      INGEST_NEWS_GROUP_ID: name.min(1).default('ingest-news'),
      KAFKA_TOPIC_NAMESPACE: name.default(''),
      SHUTDOWN_DEADLINE_MS: positiveMs(30_000),
    })
    .transform((env, ctx) => ({
      feeds: loadFeeds(env.NEWS_FEEDS_FILE, ctx),
      importPaths: env.NEWS_IMPORT_PATHS ?? [],
      ...(env.NEWS_ENTITY_CATALOG_FILE === undefined ? {} : { catalogFile: env.NEWS_ENTITY_CATALOG_FILE }),
      ...(env.NEWS_LEXICON_FILE === undefined ? {} : { lexiconFile: env.NEWS_LEXICON_FILE }),
      ...(env.NEWS_OUTLETS_FILE === undefined ? {} : { outletsFile: env.NEWS_OUTLETS_FILE }),
      concurrency: env.NEWS_POLL_CONCURRENCY,
      fetchTimeoutMs: env.NEWS_FETCH_TIMEOUT_MS,
      maxFeedBytes: env.NEWS_MAX_FEED_BYTES,
      storyRetentionSeconds: env.NEWS_STORY_RETENTION_DAYS * 86_400,
      groupId: env.INGEST_NEWS_GROUP_ID,
      namespace: env.KAFKA_TOPIC_NAMESPACE,
      shutdownDeadlineMs: env.SHUTDOWN_DEADLINE_MS,
    }));
}

/** Validates the environment once: Kafka, Redis, logging and the ingest's own settings, frozen. */
export function loadNewsConfig(env: Env = process.env) {
  return loadConfig(
    {
      kafka: kafkaSection({ clientId: 'ingest-news' }),
      redis: redisSection({ keyPrefix: 'tw' }),
      log: loggingSection(),
      news: newsSection(),
    },
    env,
  );
}

export type NewsConfig = ReturnType<typeof loadNewsConfig>;
