import { fleetChangedEventOf, importFleet, type FleetSource } from '@trustwatch/store';
import { z } from 'zod';
import { ADMIN_ONLY, ANY_ROLE } from '../auth/access-policy.js';
import type { RouteDeps, ZodApp } from '../deps.js';
import { ApiError } from '../errors.js';
import { keysetPage, pageQueryShape, pageSchema } from '../http/pagination.js';
import { AUTHENTICATED, customerParams } from './params.js';

const assetSchema = z.strictObject({
  id: z.string(),
  vendor: z.string(),
  model: z.string(),
  components: z.array(
    z.strictObject({ id: z.string(), kind: z.string(), version: z.string(), hashes: z.array(z.string()) }),
  ),
});
const componentSchema = z.strictObject({
  vendor: z.string(),
  model: z.string(),
  component: z.string(),
  version: z.string(),
  assetIds: z.array(z.string()),
});
const fleetChangeSchema = z.strictObject({
  customerId: z.string(),
  added: z.array(z.string()),
  removed: z.array(z.string()),
  changed: z.array(z.string()),
  vendorsAffected: z.array(z.string()),
  applied: z.boolean(),
});

const CYCLONEDX = 'application/vnd.cyclonedx+json';
/** CloudEvents `source` of the fleet.changed events this API publishes. */
const FLEET_EVENT_SOURCE = 'trustwatch://api/fleet';

function sourceOf(contentType: string | undefined, body: unknown): FleetSource {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'text/csv') {
    if (typeof body !== 'string') throw new ApiError('INVALID_REQUEST', 'a CSV fleet must be text');
    return { format: 'csv', text: body };
  }
  const isBom = typeof body === 'object' && body !== null && 'bomFormat' in body;
  return type === CYCLONEDX || isBom
    ? { format: 'cyclonedx', document: body }
    : { format: 'json', document: body };
}

/** The fleet: import a CycloneDX, JSON or CSV inventory; list assets and the firmware they run. */
export function fleetRoutes(app: ZodApp, deps: RouteDeps): void {
  const bodyLimit = deps.limits.fleetBodyBytes;
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit }, (_request, body, done) =>
    done(null, body),
  );
  app.addContentTypeParser(
    CYCLONEDX,
    { parseAs: 'string', bodyLimit },
    app.getDefaultJsonParser('error', 'error'),
  );
  const readAccess = { roles: ANY_ROLE, customer: { in: 'params', name: 'customerId' } } as const;

  app.post(
    '/v1/customers/:customerId/fleet',
    {
      bodyLimit,
      config: { access: { roles: ADMIN_ONLY, customer: { in: 'params', name: 'customerId' } } },
      schema: {
        tags: ['fleet'],
        summary: 'Replace the fleet from a CycloneDX 1.6 BOM, the JSON format or CSV (text/csv)',
        security: AUTHENTICATED,
        params: customerParams,
        querystring: z.strictObject({
          /** Inventory version (ms); an import older than the stored one is refused (applied: false). */
          version: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
        }),
        body: z.union([z.string().max(bodyLimit), z.record(z.string(), z.unknown())]),
        response: { 200: fleetChangeSchema },
      },
    },
    async (request) => {
      const source = sourceOf(request.headers['content-type'], request.body);
      const version = request.query.version ?? deps.now();
      const change = await importFleet(deps.store, request.params.customerId, source, version, {
        vendorIdOf: deps.vendorIdOf,
      });
      // Published after the swap: a failed publish fails the request, and a retried import of the same
      // file yields the same event id, which the engine applies once.
      const event = fleetChangedEventOf(change, {
        version,
        source: FLEET_EVENT_SOURCE,
        at: deps.now(),
        format: source.format,
      });
      if (event !== null) await deps.fleetEvents?.publish(event);
      return {
        ...change,
        added: [...change.added],
        removed: [...change.removed],
        changed: [...change.changed],
        vendorsAffected: [...change.vendorsAffected],
      };
    },
  );

  app.get(
    '/v1/customers/:customerId/fleet/assets',
    {
      config: { access: readAccess },
      schema: {
        tags: ['fleet'],
        summary: 'Assets of the fleet with their firmware components, by asset id',
        security: AUTHENTICATED,
        params: customerParams,
        querystring: z.strictObject(pageQueryShape),
        response: { 200: pageSchema(assetSchema) },
      },
    },
    async (request) => {
      const { customerId } = request.params;
      const assets = (await deps.store.getFleet(customerId)).map((a) => ({
        ...a,
        components: a.components.map((c) => ({ ...c, hashes: [...c.hashes] })),
      }));
      return keysetPage(assets, (a) => a.id, { listing: 'assets', scope: customerId }, request.query);
    },
  );

  app.get(
    '/v1/customers/:customerId/fleet/firmware',
    {
      config: { access: readAccess },
      schema: {
        tags: ['fleet'],
        summary: 'Every product/component/version the fleet runs, with the assets running it',
        security: AUTHENTICATED,
        params: customerParams,
        querystring: z.strictObject(pageQueryShape),
        response: { 200: pageSchema(componentSchema) },
      },
    },
    async (request) => {
      const { customerId } = request.params;
      const key = (c: z.infer<typeof componentSchema>) =>
        JSON.stringify([c.vendor, c.model, c.component, c.version]);
      const components = (await deps.store.listComponents(customerId)).map((c) => ({
        ...c,
        assetIds: [...c.assetIds],
      }));
      return keysetPage(components, key, { listing: 'firmware', scope: customerId }, request.query);
    },
  );
}
