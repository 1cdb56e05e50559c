import { stableIdSchema } from '@trustwatch/schemas';
import { z } from 'zod';

/** How the collector authenticates: HTTP basic, or a Redfish session token (`X-Auth-Token`). */
export const bmcCredentialsSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('basic'), username: z.string().min(1), password: z.string().min(1) }),
  z.strictObject({ kind: z.literal('token'), token: z.string().min(1) }),
]);
export type BmcCredentials = z.infer<typeof bmcCredentialsSchema>;

/** Redfish fixes the service root path; every resource the collector follows must live under it. */
export const SERVICE_ROOT = '/redfish/v1';

/**
 * One BMC to poll and the asset it belongs to. `baseUrl` is the origin only (`https://10.1.2.3:443`):
 * user info in a URL would end up in logs, so it is refused and credentials go in `credentials`.
 */
export const bmcEndpointSchema = z.strictObject({
  id: z.string().min(1).max(200),
  /** Owner and asset of the server; they become the snapshot's ids, so they follow the stable-id alphabet. */
  customerId: stableIdSchema,
  assetId: stableIdSchema,
  baseUrl: z.url({ protocol: /^https?$/ }).refine((value) => {
    const url = new URL(value);
    return url.username === '' && url.password === '' && (url.pathname === '/' || url.pathname === '');
  }, 'must be an origin (scheme, host, port) without user info or path'),
  credentials: bmcCredentialsSchema.optional(),
  /** PEM bundle of CAs trusted for this BMC, added to (not replacing the need for) verification. */
  ca: z.string().min(1).optional(),
  /** Budget for one request, headers and body included. */
  timeoutMs: z.int().min(100).max(120_000).default(10_000),
  /** Largest accepted response body; Redfish resources are a few KiB, 1 MiB is generous. */
  maxBodyBytes: z.int().min(1024).max(16_777_216).default(1_048_576),
});
export type BmcEndpoint = z.infer<typeof bmcEndpointSchema>;
export type BmcEndpointInput = z.input<typeof bmcEndpointSchema>;
