// Public API of the firmware ingest service: the Redfish collector and the pure change detector.
export * from './errors.js';
export { bmcCredentialsSchema, bmcEndpointSchema, SERVICE_ROOT } from './redfish/endpoint.js';
export type { BmcCredentials, BmcEndpoint, BmcEndpointInput } from './redfish/endpoint.js';
export { RedfishClient, type RedfishResource } from './redfish/client.js';
export { readInventory, vendorOf, REDFISH_COLLECTOR, type InventoryReading } from './redfish/inventory.js';
export type { CrossCheck } from './redfish/cross-check.js';
export { componentFromMember } from './redfish/member.js';
export { componentKindOf, slotOf } from './redfish/component-kind.js';
export { FirmwarePoller, type PollerOptions, type PollLogger, type PollRound } from './redfish/poller.js';
export { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './redfish/backoff.js';
export { detectChanges, type DetectInput } from './detect/detect-changes.js';
export { classifyChange, stateOf } from './detect/classify.js';
export {
  catalogEntrySchema,
  catalogSchema,
  createCatalogLookup,
  type Catalog,
  type CatalogEntry,
  type CatalogLookup,
  type CatalogQuery,
  type KnownGood,
} from './detect/catalog.js';
export { parseCatalogCsv, parseCatalogJson, CATALOG_CSV_COLUMNS } from './detect/catalog-file.js';
