import { TOPIC_NAMES, type DeadLetterTopic, type EventBus } from '@trustwatch/bus';
import { CliError, EXIT, usageError } from '../errors.js';
import { kafkaUnreachable, openBus } from '../infra/connect.js';
import { readDeadLetters, type DeadLetter } from '../dlq/read-dead-letters.js';
import { replayDeadLetters } from '../dlq/replay-dead-letters.js';
import { shortTime } from '../output/render.js';
import type { Palette } from '../output/terminal.js';
import { integerOption, listOption, parseCommandArgs } from './args.js';
import type { Command } from './command.js';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 100_000;
const DEFAULT_WAIT_MS = 5_000;

/** `--topic trust.changed` or `--topic trust.changed.dlq`: the dead-letter topics to read. */
function deadLetterTopics(raw: unknown): DeadLetterTopic[] {
  if (raw === undefined) return TOPIC_NAMES.map((name) => `${name}.dlq` as const);
  const given = typeof raw === 'string' ? raw : '';
  const text = given.replace(/\.dlq$/, '');
  const topic = TOPIC_NAMES.find((name) => name === text);
  if (topic === undefined)
    throw usageError(`unknown topic "${given}" (one of ${TOPIC_NAMES.join(', ')})`, 'dlq');
  return [`${topic}.dlq`];
}

function render(letter: DeadLetter, c: Palette): string {
  const when = letter.firstFailureAt === null ? '-' : shortTime(letter.firstFailureAt);
  const kept = letter.replayable ? '' : c.yellow(' (value dropped: too large to replay)');
  return `${c.bold(letter.id)} ${c.dim(`${letter.sourceTopic} ${when}, ${letter.attempts} attempt(s)`)}${kept}\n  ${c.red(letter.reason)}: ${letter.message}\n`;
}

async function withBus<T>(bus: EventBus, use: () => Promise<T>): Promise<T> {
  try {
    return await use();
  } catch (error) {
    throw kafkaUnreachable(error);
  } finally {
    await bus.close();
  }
}

export const dlqCommand: Command = {
  name: 'dlq',
  summary: 'list dead-lettered records with the reason they failed, or send them back to their topic',
  help: `Usage: trustwatch dlq list [--topic T] [--limit N] [--wait MS] [--json]
       trustwatch dlq replay [--topic T] [--id ID]... [--wait MS]

Records a consumer could not process (invalid, or still failing after every retry) go to the topic's
dead-letter topic, T.dlq, with the reason in headers. "list" reads them from the beginning (every
dead-letter topic, or T's) with the reason, message, attempts and first failure time. "replay" sends
them back to the topic they failed on, unchanged, once the cause is fixed: the records named by --id
(CloudEvents id, or <dlq topic>:<partition>:<offset> as listed), or all of T's. Consumers dedupe by
event id, so a record replayed twice is applied once. The dead letters stay on the dead-letter topic.

Options:
  --topic T     one topic (${TOPIC_NAMES.join(', ')}), with or without .dlq
  --id ID       replay only this record; repeat for several
  --limit N     list at most N records (default ${DEFAULT_LIMIT})
  --wait MS     how long to wait for a first record before calling the topics empty (default ${DEFAULT_WAIT_MS})
  --json        list: NDJSON, one object per record; replay: one summary object
  -h, --help    show this help

Environment: KAFKA_BROKERS (required), KAFKA_TOPIC_NAMESPACE, KAFKA_SSL, KAFKA_SASL_*, as the services use them.

Examples:
  trustwatch dlq list
  trustwatch dlq list --topic trust.changed --json | jq -r .reason | sort | uniq -c
  trustwatch dlq replay --topic supplier.changed --id 5f0c...
`,
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs('dlq', argv, {
      topic: { type: 'string' },
      id: { type: 'string', multiple: true },
      limit: { type: 'string' },
      wait: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (values['help'] === true) {
      ctx.term.out(this.help);
      return EXIT.ok;
    }
    const [action, ...extra] = positionals;
    if (action !== 'list' && action !== 'replay')
      throw usageError(
        action === undefined
          ? 'dlq needs a subcommand: list or replay'
          : `unknown dlq subcommand "${action}"`,
        'dlq',
      );
    if (extra.length > 0)
      throw usageError(`dlq ${action} takes no arguments, got "${extra.join(' ')}"`, 'dlq');
    const topics = deadLetterTopics(values['topic']);
    const ids = listOption(values['id']);
    if (action === 'list' && ids.length > 0)
      throw usageError('--id selects records to replay; list shows all', 'dlq');
    if (action === 'replay' && ids.length === 0 && values['topic'] === undefined)
      throw usageError(
        'dlq replay needs --topic or --id: replaying every dead-letter topic at once is refused',
        'dlq',
      );
    const limit = integerOption('dlq', 'limit', values['limit'], {
      min: 1,
      max: MAX_LIMIT,
      fallback: DEFAULT_LIMIT,
    });
    const waitMs = integerOption('dlq', 'wait', values['wait'], {
      min: 0,
      max: 600_000,
      fallback: DEFAULT_WAIT_MS,
    });
    const json = values['json'] === true;
    const c = ctx.term.color;
    const bus = openBus(ctx.env.environment, ctx.log, 'dlq');
    return withBus(bus, async () => {
      const letters = await readDeadLetters(bus, topics, {
        limit: action === 'list' ? limit : MAX_LIMIT,
        waitMs,
      });
      if (action === 'list') {
        for (const letter of letters) {
          const { record: _record, ...shown } = letter;
          ctx.term.out(json ? `${JSON.stringify(shown)}\n` : render(letter, c));
        }
        if (!json && letters.length === 0) ctx.term.out(c.dim('no dead-lettered records\n'));
        return EXIT.ok;
      }
      const chosen = ids.length === 0 ? letters : letters.filter((l) => ids.includes(l.id));
      const unknown = ids.filter((id) => !letters.some((l) => l.id === id));
      if (unknown.length > 0)
        throw new CliError(
          'NOT_FOUND',
          `no dead-lettered record with id ${unknown.join(', ')} on ${topics.join(', ')}`,
          'run `trustwatch dlq list` to see the ids; nothing was replayed',
        );
      const report = await replayDeadLetters(bus, chosen);
      const summary = {
        replayed: report.replayed.map((l) => ({ id: l.id, topic: l.sourceTopic })),
        unreplayable: report.unreplayable.map((l) => l.id),
      };
      if (json) ctx.term.out(`${JSON.stringify(summary)}\n`);
      else {
        for (const l of report.replayed) ctx.term.out(`replayed ${l.id} to ${l.sourceTopic}\n`);
        for (const l of report.unreplayable)
          ctx.term.out(c.yellow(`not replayed ${l.id}: its value was dropped\n`));
        if (chosen.length === 0) ctx.term.out(c.dim('no dead-lettered records\n'));
      }
      return report.unreplayable.length > 0 ? EXIT.failure : EXIT.ok;
    });
  },
};
