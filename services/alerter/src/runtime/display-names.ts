import type { DisplayName } from '@trustwatch/alerting';
import type { EntityCatalog } from '@trustwatch/entities';

/**
 * Vendor names from the entity catalog: a vendor id is matched as a catalog id (`vendor:supermicro`),
 * as its slug (`supermicro`), or as a name or alias (`Super Micro Computer, Inc.`). Customers have no
 * catalog entry; `customers` maps their ids to names where the operator gave them.
 */
export function catalogDisplayNames(
  catalog: EntityCatalog,
  customers: Readonly<Record<string, string>> = {},
): DisplayName {
  const cache = new Map<string, string | undefined>();
  return (kind, id) => {
    if (kind === 'customer') return customers[id];
    if (!cache.has(id)) {
      const entity = catalog.get(id) ?? catalog.get(`vendor:${id}`) ?? catalog.resolve(id);
      cache.set(id, entity?.kind === 'vendor' ? entity.name : undefined);
    }
    return cache.get(id);
  };
}
