import { MAX_READ_LIMIT } from '@trustwatch/store';
import { EXIT, usageError } from '../errors.js';
import { requireCustomer, withStore } from '../infra/connect.js';
import { renderChange, shortTime } from '../output/render.js';
import { vendorNames } from '../output/vendor-names.js';
import { integerOption, onePositional, parseCommandArgs } from './args.js';
import type { Command } from './command.js';

const DEFAULT_LIMIT = 20;

export const feedCommand: Command = {
  name: 'feed',
  summary: "a customer's trust feed: each change of its score, why it moved, newest first",
  help: `Usage: trustwatch feed <customer> [--since CURSOR | --before CURSOR] [--limit N] [--json]

Reads the customer's trust feed from the Redis store: every material move of its score, per vendor,
with the factors and threshold crossings behind it. Newest first (--before pages further back); with
--since, what arrived after CURSOR (a feed entry id, as printed), oldest first, so a script can poll
for news. The last line gives the cursor to pass next.

Options:
  --since CURSOR   only entries newer than this entry id, oldest first
  --before CURSOR  only entries older than this entry id, newest first
  --limit N        at most N entries, 1..${MAX_READ_LIMIT} (default ${DEFAULT_LIMIT})
  --json           NDJSON: one {"id","change"} object per entry, then {"next": cursor|null}
  -h, --help       show this help

Environment: REDIS_URL (required), REDIS_KEY_PREFIX (default tw), as the services use them.

Examples:
  trustwatch feed brightwater-bank
  trustwatch feed brightwater-bank --limit 5 --json | jq -c '.change.overall'
  trustwatch feed brightwater-bank --since "$(trustwatch feed brightwater-bank --json | head -1 | jq -r .id)"
`,
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs('feed', argv, {
      since: { type: 'string' },
      before: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (values['help'] === true) {
      ctx.term.out(this.help);
      return EXIT.ok;
    }
    const customerId = onePositional('feed', 'customer id', positionals);
    const limit = integerOption('feed', 'limit', values['limit'], {
      min: 1,
      max: MAX_READ_LIMIT,
      fallback: DEFAULT_LIMIT,
    });
    const since = typeof values['since'] === 'string' ? values['since'] : undefined;
    const before = typeof values['before'] === 'string' ? values['before'] : undefined;
    if (since !== undefined && before !== undefined)
      throw usageError('--since and --before page in opposite directions: give one', 'feed');
    const page = await withStore(ctx.env.environment, ctx.log, 'feed', async (store) => {
      await requireCustomer(store, customerId);
      return store.feed(customerId, {
        limit,
        ...(since === undefined ? {} : { since }),
        ...(before === undefined ? {} : { before }),
      });
    });
    const c = ctx.term.color;
    if (values['json'] === true) {
      for (const entry of page.entries) ctx.term.out(`${JSON.stringify(entry)}\n`);
      ctx.term.out(`${JSON.stringify({ next: page.next })}\n`);
      return EXIT.ok;
    }
    const names = vendorNames();
    if (page.entries.length === 0) ctx.term.out(c.dim('no trust changes\n'));
    for (const { id, change } of page.entries) {
      ctx.term.out(`${c.dim(`${shortTime(change.at)}  ${id}`)}\n${renderChange(change, names, c)}`);
    }
    if (page.next !== null)
      ctx.term.out(c.dim(`more: --${since === undefined ? 'before' : 'since'} ${page.next}\n`));
    return EXIT.ok;
  },
};
