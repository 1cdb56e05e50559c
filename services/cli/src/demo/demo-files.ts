// The one module of the demo that reads files: the shipped sample data under services/cli/demo-data.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CliError } from '../errors.js';

/** The demo-data folder; this file sits one level under src/ and dist/ alike. */
export const DEMO_DATA_DIR = fileURLToPath(new URL('../../demo-data/', import.meta.url));
/**
 * The repository's vendored public data (real CVE records), read as it is rather than copied: the demo
 * runs from a checkout (`npm run demo`), where this folder always exists.
 */
export const PUBLIC_DATA_DIR = fileURLToPath(new URL('../../../../fixtures/public-data/', import.meta.url));

const hashSchema = z.strictObject({ algorithm: z.string(), value: z.string() });

/** One inventory snapshot of a fleet asset, as the timeline file writes it (vendor and model come from the fleet). */
export const snapshotStepSchema = z.strictObject({
  customerId: z.string(),
  assetId: z.string(),
  observedAt: z.string(),
  components: z.array(
    z.strictObject({ id: z.string(), kind: z.string(), version: z.string(), hash: hashSchema.optional() }),
  ),
});
export type SnapshotStep = z.infer<typeof snapshotStepSchema>;

export const timelineStepSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('firmware'), note: z.string().optional(), snapshot: snapshotStepSchema }),
  z.strictObject({
    kind: z.literal('news'),
    note: z.string().optional(),
    article: z.record(z.string(), z.unknown()),
  }),
  z.strictObject({ kind: z.literal('registry'), note: z.string().optional(), file: z.string() }),
  z.strictObject({ kind: z.literal('advisory'), note: z.string().optional(), file: z.string() }),
]);
export type TimelineStep = z.infer<typeof timelineStepSchema>;

export const timelineSchema = z.strictObject({
  about: z.string(),
  start: z.iso.datetime(),
  steps: z.array(timelineStepSchema).min(1),
});
export type Timeline = z.infer<typeof timelineSchema>;

/** The text of a demo-data file (path relative to the folder), or of a public data file. */
export function demoText(relative: string, dir = DEMO_DATA_DIR): string {
  try {
    return readFileSync(`${dir}${relative}`, 'utf8');
  } catch (cause) {
    throw new CliError(
      'DEMO_DATA_INVALID',
      `demo data file ${relative} is missing`,
      'reinstall the package (npm ci) so services/cli/demo-data is complete',
      cause,
    );
  }
}

/** A demo-data JSON file, parsed (and validated when a schema is given). */
export function demoJson<T = unknown>(relative: string, schema?: z.ZodType<T>): T {
  let data: unknown;
  try {
    data = JSON.parse(demoText(relative));
  } catch (cause) {
    if (cause instanceof CliError) throw cause;
    throw new CliError(
      'DEMO_DATA_INVALID',
      `demo data file ${relative} is not JSON`,
      'restore it from the repository',
      cause,
    );
  }
  if (schema === undefined) return data as T;
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new CliError(
    'DEMO_DATA_INVALID',
    `demo data file ${relative} is invalid at /${(issue?.path ?? []).map(String).join('/')}: ${issue?.message ?? ''}`,
    'restore it from the repository',
  );
}
