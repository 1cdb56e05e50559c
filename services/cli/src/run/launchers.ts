import { loadAlerterConfig, startAlerterService } from '@trustwatch/alerter';
import { loadApiConfig, startApiService } from '@trustwatch/api';
import { loadIngestConfig, startFirmwareService } from '@trustwatch/ingest-firmware';
import { loadNewsConfig, startNewsService } from '@trustwatch/ingest-news';
import { loadSupplierConfig, startSupplierService } from '@trustwatch/ingest-supplier';
import { loadEngineConfig, startEngineService } from '@trustwatch/trust-engine';
import type { Launcher, ServiceName } from './launch.js';
import { serviceLauncher } from './service-launcher.js';

/**
 * Every service, started through its package's own config loader and start function: the same
 * variables and the same composition as `node services/<name>/dist/main.js`.
 */
export const LAUNCHERS: Readonly<Record<ServiceName, Launcher>> = {
  'ingest-firmware': serviceLauncher('ingest-firmware', {
    load: loadIngestConfig,
    start: startFirmwareService,
  }),
  'ingest-supplier': serviceLauncher('ingest-supplier', {
    load: loadSupplierConfig,
    start: startSupplierService,
  }),
  'ingest-news': serviceLauncher('ingest-news', { load: loadNewsConfig, start: startNewsService }),
  'trust-engine': serviceLauncher('trust-engine', { load: loadEngineConfig, start: startEngineService }),
  alerter: serviceLauncher('alerter', { load: loadAlerterConfig, start: startAlerterService }),
  api: serviceLauncher('api', { load: loadApiConfig, start: startApiService }),
};
