import { loadConfig, loggingSection } from '@trustwatch/config';
import { createLogger, type Logger } from '@trustwatch/logging';
import { EXIT, usageError } from '../errors.js';
import { settingsOf } from '../infra/connect.js';
import { SERVICE_NAMES, stopService, type RunningService, type ServiceName } from '../run/launch.js';
import { LAUNCHERS } from '../run/launchers.js';
import { parseCommandArgs } from './args.js';
import type { Command } from './command.js';

function isService(name: string): name is ServiceName {
  return (SERVICE_NAMES as readonly string[]).includes(name);
}

/** The named services in start order, without repeats; `all` names every one. */
function selectServices(names: readonly string[]): ServiceName[] {
  if (names.length === 0) throw usageError('run needs at least one service, or "all"', 'run');
  for (const name of names) {
    if (name !== 'all' && !isService(name))
      throw usageError(`unknown service "${name}" (one of ${SERVICE_NAMES.join(', ')}, all)`, 'run');
  }
  return SERVICE_NAMES.filter((s) => names.includes('all') || names.includes(s));
}

export const runCommand: Command = {
  name: 'run',
  summary: 'run services in this process against Kafka and Redis (production mode)',
  help: `Usage: trustwatch run <service...|all>

Starts each named service in this process, configured from the environment exactly as its own
process would be, against Kafka and Redis. SIGINT (Ctrl-C) or SIGTERM stops them: consumers drain and
commit, then buses and stores close; the exit code is 0 when every service stopped within its
SHUTDOWN_DEADLINE_MS, 1 otherwise or when a service gave up.

Services, in start order: ${SERVICE_NAMES.join(', ')}. \`all\` starts every one; on the way out
they stop in reverse order, so the API stops taking requests first and each consumer drains before
the services it reads from. The API prints the address it listens on.

Environment (each service's full list is in the README's configuration reference):
  KAFKA_BROKERS          host:port,... (required)
  REDIS_URL              redis:// or rediss:// URL (required)
  REDIS_KEY_PREFIX       key prefix (default tw)
  KAFKA_TOPIC_NAMESPACE  topic name prefix (default empty)
  ALERT_RECEIVERS_FILE   where alerts are delivered (required by alerter)
  SUPPLIER_INPUTS        files and directories to watch (required by ingest-supplier)
  API_HOST, API_PORT     where the API listens (default 0.0.0.0:8080)
  <SERVICE>_GROUP_ID     each consumer's group, e.g. TRUST_ENGINE_GROUP_ID (default: its name)
  LOG_LEVEL              level of the JSON logs on stderr (default info)

Options:
  -h, --help   show this help

Examples:
  KAFKA_BROKERS=127.0.0.1:19092 REDIS_URL=redis://127.0.0.1:16379 trustwatch run trust-engine
  trustwatch run all
`,
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs('run', argv, {});
    if (values['help'] === true) {
      ctx.term.out(this.help);
      return EXIT.ok;
    }
    const names = selectServices(positionals);
    const env = ctx.env.environment;
    // Every service's settings are checked before any one connects: a typo fails fast, starting nothing.
    const starts = names.map((name) => ({ name, start: LAUNCHERS[name](env) }));
    // Listen for the stop signal before anything starts, so a Ctrl-C during start-up is not lost.
    const signalled = ctx.interrupted().then(() => 'signal' as const);
    const { level } = settingsOf((e) => loadConfig(loggingSection(), e), env, 'run');
    const root = createLogger({
      service: 'trustwatch',
      level,
      destination: { write: (l) => ctx.term.err(l) },
    });
    let fatal: ((error: Error) => void) | undefined;
    const failed = new Promise<'fatal'>((resolve) => (fatal = () => resolve('fatal')));
    const started: RunningService[] = [];
    try {
      for (const { name, start } of starts) {
        const log = root.child({ service: name });
        const onFatal = (error: Error): void => {
          log.fatal({ err: error }, 'service gave up');
          fatal?.(error);
        };
        started.push(await start({ log, onFatal }));
      }
      for (const service of started) {
        if (service.url !== undefined) ctx.term.out(`${service.name} listening on ${service.url}\n`);
      }
      ctx.term.out(`running ${names.join(', ')}; Ctrl-C or SIGTERM stops\n`);
      const reason = await Promise.race([signalled, failed]);
      root.info({ reason }, 'stopping');
      return (await stopAll(started, root)) && reason === 'signal' ? EXIT.ok : EXIT.failure;
    } catch (error) {
      // A service failed to start: stop the ones already running before reporting it.
      await stopAll(started, root);
      throw error;
    }
  },
};

/** Stops services in reverse start order (readers before the producers they depend on). */
async function stopAll(services: readonly RunningService[], log: Logger): Promise<boolean> {
  let clean = true;
  for (const service of [...services].reverse()) clean = (await stopService(service, log)) && clean;
  return clean;
}
