import { z } from 'zod';
import { bmcEndpointSchema, type BmcEndpoint } from '../redfish/endpoint.js';

/** Reads a small text file (a secret, a CA bundle); throws when it cannot. */
export type ReadTextFile = (path: string) => string;

const path = z.string().min(1).max(4096);

/**
 * One BMC as the operator lists it. Secrets are never inline: `passwordFile`, `tokenFile` and
 * `eventContextFile` name files (Docker/Kubernetes secrets), so the list itself can live in a config map.
 */
const bmcEntrySchema = z.strictObject({
  id: z.string().min(1).max(200),
  customerId: z.string(),
  assetId: z.string(),
  baseUrl: z.string(),
  credentials: z
    .discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('basic'), username: z.string().min(1), passwordFile: path }),
      z.strictObject({ kind: z.literal('token'), tokenFile: path }),
    ])
    .optional(),
  /** PEM bundle of extra CAs trusted for this BMC. */
  caFile: path.optional(),
  timeoutMs: z.int().optional(),
  maxBodyBytes: z.int().optional(),
  /** The `Context` the BMC's event subscription carries; push events must present it. */
  eventContextFile: path.optional(),
});

/** The BMC list file: `{ "bmcs": [ ... ] }`. */
export const bmcListSchema = z.strictObject({
  bmcs: z
    .array(bmcEntrySchema)
    .max(10_000)
    .refine((bmcs) => new Set(bmcs.map((b) => b.id)).size === bmcs.length, 'BMC ids must be unique'),
});

/** The BMCs to poll and, per BMC id, the push subscription context it must present. */
export interface BmcList {
  readonly endpoints: readonly BmcEndpoint[];
  readonly eventContexts: ReadonlyMap<string, string>;
}

/**
 * Validates a BMC list and reads the secret files it names. Throws an `Error` listing every problem
 * by BMC id and field; secret values never appear in it (a file that cannot be read is named by path).
 */
export function parseBmcList(value: unknown, readFile: ReadTextFile): BmcList {
  const list = bmcListSchema.safeParse(value);
  if (!list.success) throw new Error(`BMC list is invalid: ${z.prettifyError(list.error)}`);
  const problems: string[] = [];
  const endpoints: BmcEndpoint[] = [];
  const eventContexts = new Map<string, string>();
  const secret = (id: string, field: string, file: string): string => {
    try {
      // Editors add a trailing newline; it is never part of a password.
      const text = readFile(file).replace(/\r?\n$/, '');
      if (text.length === 0) problems.push(`BMC ${id}: ${field} ${file} is empty`);
      return text;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      problems.push(`BMC ${id}: cannot read ${field} ${file} (${code})`);
      return '';
    }
  };
  for (const entry of list.data.bmcs) {
    const { credentials, caFile, eventContextFile, ...rest } = entry;
    const candidate = {
      ...rest,
      ...(credentials === undefined
        ? {}
        : {
            credentials:
              credentials.kind === 'basic'
                ? {
                    kind: 'basic',
                    username: credentials.username,
                    password: secret(entry.id, 'passwordFile', credentials.passwordFile),
                  }
                : { kind: 'token', token: secret(entry.id, 'tokenFile', credentials.tokenFile) },
          }),
      ...(caFile === undefined ? {} : { ca: secret(entry.id, 'caFile', caFile) }),
    };
    if (eventContextFile !== undefined) {
      eventContexts.set(entry.id, secret(entry.id, 'eventContextFile', eventContextFile));
    }
    const endpoint = bmcEndpointSchema.safeParse(candidate);
    if (endpoint.success) endpoints.push(endpoint.data);
    else {
      // Report paths and messages only: zod's issue input could echo a password.
      for (const issue of endpoint.error.issues) {
        problems.push(`BMC ${entry.id}: ${issue.path.join('.') || '(entry)'}: ${issue.message}`);
      }
    }
  }
  if (problems.length > 0) throw new Error(`BMC list is invalid:\n${problems.join('\n')}`);
  return { endpoints, eventContexts };
}
