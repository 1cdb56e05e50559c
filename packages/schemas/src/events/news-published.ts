import { z } from 'zod';
import { defineEvent } from '../registry/define-event.js';
import { httpUrlSchema, instantSchema, languageTagSchema, nameSchema } from './common.js';

/** A news article as a feed delivered it, before classification. */
export const newsPublishedSchema = z
  .strictObject({
    url: httpUrlSchema,
    outlet: nameSchema,
    title: z.string().trim().min(1).max(500),
    /** Article text; long reads are cut by the ingester, the classifier needs the first part only. */
    body: z.string().min(1).max(100_000).optional(),
    summary: z.string().min(1).max(5000).optional(),
    publishedAt: instantSchema,
    language: languageTagSchema,
    feedUrl: httpUrlSchema.optional(),
  })
  .refine((article) => article.body !== undefined || article.summary !== undefined, {
    message: 'needs a body or a summary',
    path: ['body'],
  });
export type NewsPublished = z.infer<typeof newsPublishedSchema>;

/**
 * The URL's host, lower case and without `www.`: the same story fetched twice from one outlet lands on
 * one partition, so the deduplicator sees both copies in order.
 */
export function canonicalHost(url: string): string {
  return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
}

export const newsPublishedEvent = defineEvent({
  type: 'com.trustwatch.news.published.v1',
  description: 'A news article from a feed, not yet classified; keyed by the canonical host of its URL.',
  schema: newsPublishedSchema,
  partitionKey: (data) => canonicalHost(data.url),
});
