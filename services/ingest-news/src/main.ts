// Production entry: config -> logger -> start the news ingest -> SIGTERM/SIGINT drain and close.
import { installShutdown } from '@trustwatch/bus';
import { createLogger } from '@trustwatch/logging';
import { loadNewsConfig } from './config.js';
import { startNewsService } from './start-service.js';

const config = loadNewsConfig();
const log = createLogger({ service: 'ingest-news', level: config.log.level });
// Until the shutdown below is installed there is nothing to drain: a fatal error exits at once.
let shutdown = (): Promise<void> => process.exit(1);
const service = await startNewsService({
  config,
  log,
  // The consumer used up its restart budget: exit, so the orchestrator restarts the process.
  onFatal: () => void shutdown(),
});
shutdown = installShutdown({ closeables: service.closeables, deadlineMs: service.shutdownDeadlineMs, log });
