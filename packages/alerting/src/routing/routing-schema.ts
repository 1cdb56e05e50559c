import { z } from 'zod';
import { entityIdSchema } from '@trustwatch/schemas';
import { durationSchema } from '../rules/duration.js';
import { matcherTextSchema } from '../matchers/matcher.js';

const receiverNameSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be kebab-case');
const labelNameSchema = z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]{0,63}$/, 'must be a label name');

/** Options a route sets or inherits from its parent. `group_by: ['...']` groups by every label. */
const routeOptions = {
  receiver: receiverNameSchema.optional(),
  group_by: z
    .array(labelNameSchema.or(z.literal('...')))
    .max(16)
    .optional(),
  group_wait: durationSchema.optional(),
  group_interval: durationSchema.optional(),
  repeat_interval: durationSchema.optional(),
};

export interface RouteInput {
  readonly receiver?: string | undefined;
  readonly group_by?: string[] | undefined;
  readonly group_wait?: number | undefined;
  readonly group_interval?: number | undefined;
  readonly repeat_interval?: number | undefined;
  readonly matchers?: z.output<typeof matcherTextSchema>[] | undefined;
  readonly continue?: boolean | undefined;
  readonly routes?: RouteInput[] | undefined;
}

/** A child route: matchers select its alerts; `continue` lets later siblings match them too. */
export const routeSchema: z.ZodType<RouteInput, unknown> = z.lazy(() =>
  z.strictObject({
    ...routeOptions,
    matchers: z.array(matcherTextSchema).max(16).optional(),
    continue: z.boolean().optional(),
    routes: z.array(routeSchema).max(100).optional(),
  }),
);

export const inhibitRuleSchema = z.strictObject({
  /** Alerts that mute others while firing. */
  source_matchers: z.array(matcherTextSchema).min(1).max(16),
  /** Alerts that are muted. */
  target_matchers: z.array(matcherTextSchema).min(1).max(16),
  /** Labels that must be equal in source and target (absent in both counts as equal). */
  equal: z.array(labelNameSchema).max(16),
});
export type InhibitRuleInput = z.output<typeof inhibitRuleSchema>;

/** A routing file: receivers (names; their endpoints live in the alerter's config), teams, tree, inhibitions. */
export const routingFileSchema = z.strictObject({
  version: z.literal(1),
  receivers: z
    .array(z.strictObject({ name: receiverNameSchema }))
    .min(1)
    .max(200),
  /** The `team` label of each customer's alerts, so routes can match on the team that owns it. */
  teams: z.record(entityIdSchema, labelNameSchema.or(receiverNameSchema)).default({}),
  route: z.strictObject({
    ...routeOptions,
    receiver: receiverNameSchema,
    routes: z.array(routeSchema).max(100).optional(),
  }),
  inhibit_rules: z.array(inhibitRuleSchema).max(100).default([]),
});
export type RoutingFile = z.output<typeof routingFileSchema>;
