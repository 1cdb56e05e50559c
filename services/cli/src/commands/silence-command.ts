import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import {
  AlertingError,
  createSilence,
  emptySilenceStore,
  formatMatcher,
  silenceState,
  type Silence,
} from '@trustwatch/alerting';
import { silenceIdAt } from '@trustwatch/store';
import { CliError, EXIT, usageError } from '../errors.js';
import { shortTime } from '../output/render.js';
import type { Palette } from '../output/terminal.js';
import { parseEnds, parseMatcherArgument } from '../silence/silence-args.js';
import { withAlertingStore } from '../silence/silence-store.js';
import { listOption, parseCommandArgs } from './args.js';
import type { Command, CommandContext } from './command.js';

function render(silence: Silence, now: number, c: Palette): string {
  const state = silenceState(silence, now);
  const painted = state === 'active' ? c.green(state) : state === 'pending' ? c.yellow(state) : c.dim(state);
  const matchers = silence.matchers.map(formatMatcher).join(', ');
  return `${c.bold(silence.id)} ${painted} ${matchers}\n  ${shortTime(silence.startsAt)} -> ${shortTime(silence.endsAt)} UTC by ${silence.createdBy}: ${silence.comment}\n`;
}

function defaultAuthor(): string {
  try {
    return userInfo().username || 'trustwatch-cli';
  } catch {
    // No passwd entry (a container's arbitrary uid): the silence still needs an owner.
    return 'trustwatch-cli';
  }
}

async function add(values: Record<string, unknown>, ctx: CommandContext): Promise<number> {
  const matchers = listOption(values['matcher']).map(parseMatcherArgument);
  if (matchers.length === 0)
    throw usageError('silence add needs at least one --matcher label=value', 'silence');
  const ends = values['ends'];
  const comment = values['comment'];
  if (typeof ends !== 'string') throw usageError('silence add needs --ends DURATION|TIME', 'silence');
  if (typeof comment !== 'string' || comment.trim() === '')
    throw usageError('silence add needs --comment TEXT: say why, so the silence is not forgotten', 'silence');
  const now = Date.now();
  const author = typeof values['author'] === 'string' ? values['author'] : defaultAuthor();
  const input = {
    matchers,
    startsAt: new Date(now).toISOString(),
    endsAt: new Date(parseEnds(ends, now)).toISOString(),
    createdBy: author,
    comment,
  };
  let silence: Silence;
  try {
    // The alerting model's own checks: ends in the future, no matcher-less mute-everything silence.
    silence = createSilence(emptySilenceStore(), input, {
      id: silenceIdAt(now, randomBytes(4).toString('hex')),
      now,
    }).silence;
  } catch (error) {
    if (error instanceof AlertingError)
      throw usageError(error.message.split('\n')[0] ?? error.message, 'silence');
    throw error;
  }
  const created = await withAlertingStore(ctx.env.environment, ctx.log, (store) =>
    store.createSilence(silence),
  );
  if (!created)
    throw new CliError(
      'INPUT_INVALID',
      'the store refused the silence: it keeps at most 10000',
      'expire silences no longer needed (`trustwatch silence list`, then `silence expire ID`)',
    );
  ctx.term.out(
    values['json'] === true ? `${JSON.stringify(silence)}\n` : render(silence, now, ctx.term.color),
  );
  return EXIT.ok;
}

export const silenceCommand: Command = {
  name: 'silence',
  summary: 'mute alerts matching labels for a while, list silences, or end one early',
  help: `Usage: trustwatch silence add --matcher LABEL=VALUE... --ends DURATION|TIME --comment TEXT [--author NAME] [--json]
       trustwatch silence list [--json]
       trustwatch silence expire ID [--json]

Silences mute matching alerts in the alerter (they are still recorded, and show as silenced) from now
until the end. They are kept in Redis, shared with the alerter and the API. Matchers use the alert's
labels (customer, vendor, rule, severity, ...): LABEL=VALUE, LABEL!=VALUE, LABEL=~REGEX, LABEL!~REGEX;
all must match. "expire" ends a silence now; it stays listed as expired.

Options:
  --matcher M     a label matcher; repeat for several (all must match)
  --ends E        a duration from now (2h, 1d12h; units s m h d w) or an ISO 8601 time with a zone
  --comment TEXT  why (required: a silence without a reason is a forgotten alert)
  --author NAME   who (default: the current user)
  --json          the silence (add, expire) or NDJSON, one per silence (list)
  -h, --help      show this help

Environment: REDIS_URL (required), REDIS_KEY_PREFIX (default tw), as the alerter and API use them.

Examples:
  trustwatch silence add --matcher customer=globex --matcher rule=advisory_exposure --ends 2h --comment "patching BMCs tonight"
  trustwatch silence add --matcher 'vendor=~supermicro|asrock' --ends 2026-12-01T09:00:00Z --comment "audit" --author alice
  trustwatch silence list
  trustwatch silence expire sil-001764000000000-1a2b3c4d
`,
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs('silence', argv, {
      matcher: { type: 'string', multiple: true },
      ends: { type: 'string' },
      comment: { type: 'string' },
      author: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (values['help'] === true) {
      ctx.term.out(this.help);
      return EXIT.ok;
    }
    const [action, id, ...extra] = positionals;
    if (action === 'add') {
      if (id !== undefined)
        throw usageError(
          `silence add takes options only, got "${positionals.slice(1).join(' ')}"`,
          'silence',
        );
      return add(values, ctx);
    }
    if (action !== 'list' && action !== 'expire')
      throw usageError(
        action === undefined
          ? 'silence needs a subcommand: add, list or expire'
          : `unknown silence subcommand "${action}"`,
        'silence',
      );
    for (const name of ['matcher', 'ends', 'comment', 'author'])
      if (values[name] !== undefined) throw usageError(`--${name} is for silence add`, 'silence');
    const json = values['json'] === true;
    const c = ctx.term.color;
    const now = Date.now();
    if (action === 'list') {
      if (id !== undefined) throw usageError('silence list takes no arguments', 'silence');
      const silences = await withAlertingStore(ctx.env.environment, ctx.log, (store) => store.listSilences());
      for (const s of silences)
        ctx.term.out(json ? `${JSON.stringify({ ...s, state: silenceState(s, now) })}\n` : render(s, now, c));
      if (!json && silences.length === 0) ctx.term.out(c.dim('no silences\n'));
      return EXIT.ok;
    }
    if (id === undefined) throw usageError('silence expire needs a silence ID', 'silence');
    if (extra.length > 0)
      throw usageError(`silence expire takes one ID, got also "${extra.join(' ')}"`, 'silence');
    const expired = await withAlertingStore(ctx.env.environment, ctx.log, (store) =>
      store.expireSilence(id, new Date(now).toISOString()),
    );
    if (expired === null)
      throw new CliError(
        'NOT_FOUND',
        `no silence with id ${id}`,
        'run `trustwatch silence list` to see the ids',
      );
    ctx.term.out(json ? `${JSON.stringify(expired)}\n` : render(expired, now, c));
    return EXIT.ok;
  },
};
