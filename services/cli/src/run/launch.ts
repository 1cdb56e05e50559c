import type { Closeable } from '@trustwatch/bus';
import type { Env } from '@trustwatch/config';
import type { Logger } from '@trustwatch/logging';

/** The services `trustwatch run` knows, in start order: producers of a topic start before its readers. */
export const SERVICE_NAMES = [
  'ingest-firmware',
  'ingest-supplier',
  'ingest-news',
  'trust-engine',
  'alerter',
  'api',
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** What starting a service gets: a logger bound to the service and a fatal callback. */
export interface LaunchContext {
  readonly log: Logger;
  /** Called when the service cannot go on (its consumer used up its restart budget): the run stops, exit 1. */
  readonly onFatal: (error: Error) => void;
}

/** A started service: what to close on the way out, in order, within its drain budget. */
export interface RunningService {
  readonly name: ServiceName;
  readonly closeables: readonly Closeable[];
  readonly deadlineMs: number;
  /** Where a service with an HTTP server listens (the API), printed once every service is up. */
  readonly url?: string;
}

/**
 * Validates one service's environment (throwing a one-line config error) and returns what starts it in
 * this process against Kafka and Redis: every named service is validated before any one starts.
 */
export type Launcher = (env: Env) => (ctx: LaunchContext) => Promise<RunningService>;

/**
 * Closes a service's parts in order (consumers drain first), each stop given the service's deadline.
 * Resolves to false when a part failed or the deadline passed, so the run exits 1.
 */
export async function stopService(service: RunningService, log: Logger): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), service.deadlineMs);
  });
  const closing = (async () => {
    for (const part of service.closeables) {
      if (part.stop !== undefined) await part.stop(service.deadlineMs);
      else if (part.close !== undefined) await part.close();
    }
    return true;
  })().catch((error: unknown) => {
    log.error({ err: error, service: service.name }, 'service did not stop cleanly');
    return false;
  });
  try {
    const ok = await Promise.race([closing, deadline]);
    if (!ok) log.error({ service: service.name }, 'service stop failed or passed its deadline');
    return ok;
  } finally {
    clearTimeout(timer);
  }
}
