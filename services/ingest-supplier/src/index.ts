// Public API of the supplier ingest: BOM and registry parsing and diffing, the file-to-event flow, its state.
export * from './errors.js';
export * from './facts.js';
export * from './diff-snapshots.js';
export { MAX_INPUT_BYTES } from './untrusted-json.js';
export { parseBom, type BomSnapshot, type ParseBomOptions } from './bom/parse-bom.js';
export { diffBoms, sameProduct } from './bom/diff-boms.js';
export { CATEGORY_PROPERTY, componentCategory } from './bom/component-category.js';
export * from './registry/registry-format.js';
export * from './registry/parse-registry.js';
export * from './registry/diff-registry.js';
export * from './run-files.js';
export { readInputFile } from './read-input-file.js';
export {
  startSupplierIngest,
  type SupplierIngest,
  type SupplierIngestMetrics,
  type SupplierIngestOptions,
} from './embedded.js';
export { ingestFiles, type FileOutcome, type IngestDeps } from './service/ingest-files.js';
export { diffStored } from './service/diff-stored.js';
export {
  parseInput,
  compareInputs,
  type ParsedInput,
  type ParseInputOptions,
} from './service/parse-input.js';
export { fileKey, inputKind, registryFeed, type InputKind } from './service/input-kind.js';
export { InputScanner, type InputScannerOptions, type ScanResult } from './service/input-scanner.js';
export { eventSource, supplierChangedEvent, type SupplierChangedEvent } from './service/events.js';
export { linksOf, syncSupplierLinks, type LinkSync } from './service/supplier-links.js';
export {
  bomKeys,
  createMemorySupplierSnapshots,
  registryKey,
  type StoredSnapshot,
  type SupplierSnapshots,
} from './service/snapshot-state.js';
export { openFileSupplierSnapshots } from './service/file-snapshot-state.js';
export {
  createRedisSupplierSnapshots,
  openRedisSupplierSnapshots,
  type IngestSnapshotStore,
  type RedisSupplierSnapshotsOptions,
  type OpenRedisSupplierSnapshotsOptions,
} from './service/redis-snapshot-state.js';
export { loadSupplierConfig, supplierSection, supplierStateSection, type SupplierConfig } from './config.js';
export {
  openSupplierIngest,
  startSupplierService,
  type OpenedSupplierIngest,
  type StartedSupplierService,
  type SupplierServiceOptions,
} from './start-service.js';
