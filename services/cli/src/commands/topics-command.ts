import { renderTopicTable, topicCatalog } from '@trustwatch/bus';
import { loadBusSettings } from '../config.js';
import { EXIT, usageError } from '../errors.js';
import { kafkaUnreachable, openBus, settingsOf } from '../infra/connect.js';
import { parseCommandArgs } from './args.js';
import type { Command } from './command.js';

export const topicsCommand: Command = {
  name: 'topics',
  summary: 'create every topic of the catalog (partitions, retention, limits) that is missing',
  help: `Usage: trustwatch topics ensure [--json]
       trustwatch topics list [--json]

"ensure" creates each topic of the bus's topic catalog, and its dead-letter topic, that does not exist
yet, with the catalog's partitions, retention, cleanup policy and record size limit; existing topics
are left as they are, so running it again changes nothing. Names carry KAFKA_TOPIC_NAMESPACE as a
prefix. "list" prints the catalog without connecting.

Options:
  --json       one JSON object per topic (name, partitions, retentionMs, ...)
  -h, --help   show this help

Environment: KAFKA_BROKERS (required for ensure), KAFKA_TOPIC_NAMESPACE, KAFKA_SSL, KAFKA_SASL_*.

Examples:
  KAFKA_BROKERS=127.0.0.1:19092 trustwatch topics ensure
  trustwatch topics list --json | jq -r .name
`,
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs('topics', argv, { json: { type: 'boolean' } });
    if (values['help'] === true) {
      ctx.term.out(this.help);
      return EXIT.ok;
    }
    const [action, ...extra] = positionals;
    if (action !== 'ensure' && action !== 'list')
      throw usageError(
        action === undefined
          ? 'topics needs a subcommand: ensure or list'
          : `unknown topics subcommand "${action}"`,
        'topics',
      );
    if (extra.length > 0)
      throw usageError(`topics ${action} takes no arguments, got "${extra.join(' ')}"`, 'topics');
    let namespace = '';
    if (action === 'ensure') {
      namespace = settingsOf(loadBusSettings, ctx.env.environment, 'topics').namespace;
      const bus = openBus(ctx.env.environment, ctx.log, 'topics');
      try {
        await bus.ensureTopics();
      } catch (error) {
        throw kafkaUnreachable(error);
      } finally {
        await bus.close();
      }
    }
    const specs = topicCatalog();
    if (values['json'] === true) {
      for (const spec of specs)
        ctx.term.out(`${JSON.stringify({ ...spec, name: `${namespace}${spec.name}` })}\n`);
      return EXIT.ok;
    }
    if (action === 'ensure')
      ctx.term.out(
        `${specs.length} topics present${namespace === '' ? '' : ` under namespace "${namespace}"`}:\n`,
      );
    ctx.term.out(`${renderTopicTable(specs)}\n`);
    return EXIT.ok;
  },
};
