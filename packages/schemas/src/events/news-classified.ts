import { z } from 'zod';
import { defineEvent } from '../registry/define-event.js';
import {
  httpUrlSchema,
  instantSchema,
  languageTagSchema,
  nameSchema,
  reliabilitySchema,
  stableIdSchema,
} from './common.js';

export const NEWS_ENTITY_KINDS = ['vendor', 'supplier', 'product'] as const;
export const NEWS_ENTITY_ROLES = ['subject', 'mentioned'] as const;
export const CLAIM_KINDS = [
  'backdoor_allegation',
  'compromise',
  'malicious_firmware',
  'vulnerability_disclosure',
  'denial',
  'retraction',
  'audit_clearance',
  'relocation',
  'sanctions',
] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];
export const CLAIM_STANCES = ['asserts', 'denies', 'hedged'] as const;

export const newsOutletSchema = z.strictObject({
  name: nameSchema,
  url: httpUrlSchema,
  reliability: reliabilitySchema,
});
export type NewsOutlet = z.infer<typeof newsOutletSchema>;

export const newsEntitySchema = z.strictObject({
  entityId: stableIdSchema,
  name: nameSchema,
  kind: z.enum(NEWS_ENTITY_KINDS),
  role: z.enum(NEWS_ENTITY_ROLES),
});
export type NewsEntity = z.infer<typeof newsEntitySchema>;

export const newsClaimSchema = z.strictObject({
  entityId: stableIdSchema,
  kind: z.enum(CLAIM_KINDS),
  stance: z.enum(CLAIM_STANCES),
  /** The sentence the claim was read from, kept as evidence. */
  sentence: z.string().trim().min(1).max(1000),
  /** For denials, retractions and audits: the story whose claim this one answers. */
  answersStoryId: stableIdSchema.optional(),
});
export type NewsClaim = z.infer<typeof newsClaimSchema>;

/**
 * Admiralty-scale grade of the story as a whole: source reliability A-F, information credibility 1-6
 * (1 confirmed by other sources ... 6 cannot be judged), and how many independent outlets carried it.
 */
export const storyCredibilitySchema = z.strictObject({
  reliability: reliabilitySchema,
  credibility: z.int().min(1).max(6),
  independentOutlets: z.int().min(0).max(10_000),
});
export type StoryCredibility = z.infer<typeof storyCredibilitySchema>;

/** One story (all syndicated copies merged) with the entities it names and the claims it makes about them. */
export const newsClassifiedSchema = z
  .strictObject({
    /** Stable over re-syndication: the same story from twenty outlets is one story id. */
    storyId: stableIdSchema,
    canonicalUrl: httpUrlSchema,
    urls: z.array(httpUrlSchema).min(1).max(200),
    outlets: z.array(newsOutletSchema).min(1).max(200),
    title: z.string().trim().min(1).max(500),
    publishedAt: instantSchema,
    language: languageTagSchema,
    entities: z.array(newsEntitySchema).max(100),
    claims: z.array(newsClaimSchema).max(200),
    credibility: storyCredibilitySchema,
  })
  .superRefine((story, ctx) => {
    // A claim about an entity the story does not name could not be routed to any customer.
    const named = new Set(story.entities.map((entity) => entity.entityId));
    story.claims.forEach((claim, index) => {
      if (!named.has(claim.entityId)) {
        ctx.addIssue({
          code: 'custom',
          message: `claim names entity "${claim.entityId}" that is not in entities`,
          path: ['claims', index, 'entityId'],
        });
      }
    });
  });
export type NewsClassified = z.infer<typeof newsClassifiedSchema>;

export const newsClassifiedEvent = defineEvent({
  type: 'com.trustwatch.news.classified.v1',
  description:
    'A deduplicated, classified news story with its entities, claims and admiralty grade; keyed by its first subject entity (else the story id).',
  schema: newsClassifiedSchema,
  partitionKey: (data) => data.entities.find((entity) => entity.role === 'subject')?.entityId ?? data.storyId,
});
