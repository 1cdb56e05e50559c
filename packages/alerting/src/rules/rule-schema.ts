import { z } from 'zod';
import { ALERT_SEVERITIES, factorKindSchema } from '@trustwatch/schemas';
import { durationSchema } from './duration.js';

/** Rule names become the `rule` label: short, stable, kebab-case. */
const ruleNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,127}$/, 'must be kebab-case, at most 128 characters');

/** Which scores a score rule watches: the customer's overall score, each vendor's, or both. */
const scoreScopeSchema = z.enum(['overall', 'vendor', 'any']);
export type ScoreScope = z.infer<typeof scoreScopeSchema>;

const common = {
  name: ruleNameSchema,
  severity: z.enum(ALERT_SEVERITIES),
  /** One line shown in notifications; `{customer}`, `{vendor}`, `{score}` are filled in. */
  summary: z.string().min(1).max(300),
};

/**
 * Fires when a score crosses the scoring policy's threshold of this name downwards (the trust engine
 * reports it in `crossings`) and resolves when it crosses back up. The engine already applies the
 * policy's hysteresis; `hysteresis` here is the same margin, used to resolve an alert whose up-crossing
 * was never seen (e.g. state restored after a gap): a score at `value + hysteresis` or above clears it.
 */
export const thresholdRuleSchema = z.strictObject({
  ...common,
  type: z.literal('threshold'),
  threshold: z.string().min(1).max(64),
  scope: scoreScopeSchema,
  hysteresis: z.number().min(0).max(50),
});

/**
 * Fires when a score fell by at least `points` from its highest value within `window`, and resolves
 * once the fall within the window is smaller again (the score recovered or the high point aged out).
 */
export const dropRuleSchema = z.strictObject({
  ...common,
  type: z.literal('drop'),
  points: z.number().positive().max(100),
  window: durationSchema,
  scope: scoreScopeSchema,
});

/**
 * Fires at once when a factor of one of `kinds` is added or reassessed for the customer, and resolves
 * when every factor behind it is resolved or no longer qualifies. `minCvss` and `minCredibility` need
 * the factor's details (passed in from the store); `whenUnknown` says what to do without them.
 */
export const factorRuleSchema = z.strictObject({
  ...common,
  type: z.literal('factor'),
  kinds: z.array(factorKindSchema).min(1),
  minCvss: z.number().min(0).max(10).optional(),
  minCredibility: z.number().min(0).max(1).optional(),
  whenUnknown: z.enum(['fire', 'skip']),
});

export const ruleSchema = z.discriminatedUnion('type', [
  thresholdRuleSchema,
  dropRuleSchema,
  factorRuleSchema,
]);
export type Rule = z.infer<typeof ruleSchema>;
export type ThresholdRule = z.infer<typeof thresholdRuleSchema>;
export type DropRule = z.infer<typeof dropRuleSchema>;
export type FactorRule = z.infer<typeof factorRuleSchema>;

/** A rule file: a version and the rules, with unique names (the name is the alert's identity). */
export const ruleFileSchema = z
  .strictObject({
    version: z.literal(1),
    rules: z.array(ruleSchema).min(1).max(200),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.rules.forEach((rule, index) => {
      if (seen.has(rule.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', index, 'name'],
          message: `duplicate rule ${rule.name}`,
        });
      }
      seen.add(rule.name);
    });
  });
export type RuleFile = z.infer<typeof ruleFileSchema>;
