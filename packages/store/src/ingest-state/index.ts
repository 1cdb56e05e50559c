// Snapshot state of ingest services (last applied snapshot per product or feed, handled inputs) on Redis.
export {
  createRedisIngestSnapshots,
  type IngestClaim,
  type IngestSnapshot,
  type IngestSnapshotVersion,
  type RedisIngestSnapshots,
  type RedisIngestSnapshotsOptions,
} from './redis-ingest-snapshots.js';
export { createIngestKeys, type IngestKeys } from './ingest-keys.js';
export { registerIngestSnapshotScripts, loadIngestSnapshotScripts } from './ingest-scripts.js';
