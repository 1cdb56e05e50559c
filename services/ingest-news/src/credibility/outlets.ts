import { canonicalHost, reliabilitySchema, type Reliability } from '@trustwatch/schemas';
import { z } from 'zod';

/** The operator-editable outlet table (data/outlet-reliability.json) as it is validated. */
export const outletTableSchema = z.strictObject({
  about: z.string().optional(),
  default: reliabilitySchema,
  outlets: z
    .array(
      z.strictObject({
        host: z
          .string()
          .trim()
          .toLowerCase()
          .regex(/^[a-z0-9.-]+\.[a-z0-9-]+$/, 'must be a host name such as reuters.com'),
        name: z.string().trim().min(1).max(200),
        reliability: reliabilitySchema,
        group: z.string().trim().min(1).max(100).optional(),
        note: z.string().max(500).optional(),
      }),
    )
    .max(10_000)
    .refine(
      (outlets) => new Set(outlets.map((outlet) => outlet.host)).size === outlets.length,
      'each host once',
    ),
});
export type OutletTable = z.infer<typeof outletTableSchema>;

/** What the table says about the outlet behind one URL. */
export interface OutletRating {
  /** The table's name for the outlet, else the canonical host. */
  readonly name: string;
  readonly reliability: Reliability;
  /** Independence group: outlets sharing one are not independent of each other. */
  readonly group: string;
  /** True when the host (or a parent domain) is in the table. */
  readonly known: boolean;
}

/** Looks up outlets by URL host, matching subdomains (`news.example.com` -> `example.com`). */
export interface OutletDirectory {
  rate(url: string): OutletRating;
}

/** Validates an outlet table and builds the lookup; throws a ZodError naming the bad path. */
export function createOutletDirectory(data: unknown): OutletDirectory {
  const table = outletTableSchema.parse(data);
  const byHost = new Map(table.outlets.map((outlet) => [outlet.host, outlet]));
  return {
    rate(url: string): OutletRating {
      const host = canonicalHost(url);
      const labels = host.split('.');
      for (let i = 0; i < labels.length - 1; i += 1) {
        const entry = byHost.get(labels.slice(i).join('.'));
        if (entry !== undefined) {
          return {
            name: entry.name,
            reliability: entry.reliability,
            group: entry.group ?? entry.host,
            known: true,
          };
        }
      }
      return { name: host, reliability: table.default, group: host, known: false };
    },
  };
}
