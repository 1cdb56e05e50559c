// Production entry: config -> logger -> either watch the configured inputs until SIGTERM, or one run
// over the paths given as arguments.
import { installShutdown } from '@trustwatch/bus';
import { createLogger } from '@trustwatch/logging';
import { loadSupplierConfig } from './config.js';
import { openSupplierIngest, startSupplierService } from './start-service.js';

const config = loadSupplierConfig();
const log = createLogger({ service: 'ingest-supplier', level: config.log.level });
const paths = process.argv.slice(2);
if (paths.length === 0 && config.supplier.inputs.length === 0) {
  log.fatal('nothing to ingest: set SUPPLIER_INPUTS or pass files and directories as arguments');
  process.exit(1);
}

if (paths.length > 0) {
  const { ingest, closeables } = await openSupplierIngest({ config, log });
  // One run: exit 1 when any file was refused or left for later, so a script or CI job notices.
  const outcomes = await ingest.ingestPaths(paths);
  for (const part of closeables) await part.close?.();
  log.info({ ...ingest.metrics() }, 'supplier files ingested');
  process.exitCode = outcomes.some((o) => o.status === 'refused' || o.status === 'deferred') ? 1 : 0;
} else {
  const service = await startSupplierService({ config, log });
  installShutdown({ closeables: service.closeables, deadlineMs: service.shutdownDeadlineMs, log });
}
