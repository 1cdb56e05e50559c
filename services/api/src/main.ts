// Production entry: config -> logger -> start the API -> SIGTERM/SIGINT graceful close.
import { installShutdown } from '@trustwatch/bus';
import { createLogger } from '@trustwatch/logging';
import { loadApiConfig } from './config.js';
import { startApiService } from './start-service.js';

const config = loadApiConfig();
const log = createLogger({ service: 'api', level: config.log.level });
const service = await startApiService({ config, log });
installShutdown({ closeables: service.closeables, deadlineMs: service.shutdownDeadlineMs, log });
