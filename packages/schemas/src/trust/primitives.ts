import { z } from 'zod';
import { redactUrl } from '../urls/redact-url.js';

/** An ISO 8601 instant with an explicit offset (`Z` or `+02:00`), as CloudEvents `time` is. */
export const isoTimestampSchema = z.iso.datetime({ offset: true });

/** A share or a probability: 0 means none, 1 means all or certain. */
export const unitIntervalSchema = z.number().min(0).max(1);

/** A trust score: 100 is full trust (the baseline), 0 is none. */
export const trustScoreSchema = z.number().min(0).max(100);

/** Ids of customers, vendors, suppliers, products, firmware components and factors. */
export const entityIdSchema = z.string().min(1).max(256);

/**
 * A source link shown to people: only http(s), so a feed cannot smuggle `javascript:` into a dashboard.
 * Parsing drops credentials (userinfo, `?access_token=`, ...) so a leaked token never reaches a factor,
 * a Kafka record or Redis; `overwrite` keeps the type a string, so the JSON Schema export is unchanged.
 */
export const evidenceUrlSchema = z.httpUrl().max(2048).overwrite(redactUrl);

/** A news outlet or publishing organisation, as the entity catalog names it (e.g. `bloomberg`). */
export const outletSchema = z.string().min(1).max(200);

/** Human-readable one-liner, bounded so one event stays far below the broker's record size limit. */
export const summaryTextSchema = z.string().min(1).max(1000);

/** The version string of the scoring policy that produced a number, e.g. `2026.11.1`. */
export const policyVersionSchema = z.string().min(1).max(64);

/** CloudEvent ids of the input events behind a factor or a change. */
export const eventIdListSchema = z.array(z.string().min(1).max(256)).max(100);
