// Public API of the firmware ingest service: Redfish collector, change detector, service wiring, push endpoint.
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
export {
  startFirmwareIngest,
  type FirmwareIngest,
  type FirmwareIngestMetrics,
  type FirmwareIngestOptions,
} from './embedded.js';
export {
  startPushServer,
  PUSH_PATH_PREFIX,
  type PushLogger,
  type PushServer,
  type PushServerOptions,
} from './push/push-server.js';
export { contextMatches, parseRedfishEvent, presentedContext, triggersRead } from './push/redfish-event.js';
export { ReadTrigger } from './push/read-trigger.js';
export { bmcListSchema, parseBmcList, type BmcList, type ReadTextFile } from './service/bmc-list.js';
export { changedEvent, observedEvent, INGEST_FIRMWARE_SOURCE } from './service/events.js';
export {
  createObservedHandler,
  handleObserved,
  type ObservedDeps,
  type ObservedOutcome,
} from './service/handle-observed.js';
export {
  createMemoryAssetSnapshots,
  createStoreAssetSnapshots,
  type AssetSnapshots,
  type StoredSnapshot,
} from './service/snapshot-store.js';
export {
  ANY_MODEL,
  catalogLookupFor,
  fromPublished,
  importCatalog,
  importCatalogFile,
  shippedVendorKey,
  toPublished,
  vendorKeyOf,
  type VendorKey,
} from './service/store-catalog.js';
export { loadIngestConfig, ingestSection, type IngestConfig } from './config.js';
export {
  startFirmwareService,
  type FirmwareServiceOptions,
  type StartedFirmwareService,
} from './start-service.js';
