import { explain } from '@trustwatch/scoring';
import { loadPolicy } from '@trustwatch/trust-engine';
import { EXIT } from '../errors.js';
import { requireCustomer, withStore } from '../infra/connect.js';
import { finalScores } from '../pipeline/final-scores.js';
import { renderFinalTable, shortTime } from '../output/render.js';
import { vendorNames } from '../output/vendor-names.js';
import { instantOption, onePositional, parseCommandArgs } from './args.js';
import type { Command } from './command.js';

/** Factors listed under the table: enough to explain a score, short enough for one screen. */
const SHOWN_FACTORS = 10;

export const scoreCommand: Command = {
  name: 'score',
  summary: "a customer's trust score now or at a past instant, per vendor, with the factors behind it",
  help: `Usage: trustwatch score <customer> [--at TIME] [--policy FILE] [--json]

Reads the customer's factors from the Redis store and recomputes its score at TIME (default now):
overall and per vendor of its fleet, with the band and the factors taking the most points off. A score
can be recomputed at any past instant: factors that had not happened yet do not count, and decay is
counted up to TIME.

Options:
  --at TIME       ISO 8601 instant with a zone (2018-10-05T12:00:00Z) or a date (UTC midnight)
  --policy FILE   scoring policy to recompute with (default: the shipped policy, as the engine uses)
  --json          one JSON object: the score, vendors and factor attributions
  -h, --help      show this help

Environment: REDIS_URL (required), REDIS_KEY_PREFIX (default tw), as the services use them.

Examples:
  trustwatch score brightwater-bank
  trustwatch score brightwater-bank --at 2018-10-05
  trustwatch score brightwater-bank --json | jq '.factors[0]'
`,
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs('score', argv, {
      at: { type: 'string' },
      policy: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (values['help'] === true) {
      ctx.term.out(this.help);
      return EXIT.ok;
    }
    const customerId = onePositional('score', 'customer id', positionals);
    const at = instantOption('score', 'at', values['at'], Date.now());
    const policyFile = typeof values['policy'] === 'string' ? values['policy'] : undefined;
    const policy = await loadPolicy(policyFile);
    const { score, factors } = await withStore(ctx.env.environment, ctx.log, 'score', async (store) => {
      await requireCustomer(store, customerId);
      const [final] = await finalScores(store, [customerId], at, policy);
      return { score: final, factors: explain(await store.getFactors(customerId), at, policy).factors };
    });
    if (score === undefined) return EXIT.failure;
    const c = ctx.term.color;
    const names = vendorNames();
    if (values['json'] === true) {
      ctx.term.out(`${JSON.stringify({ ...score, policyVersion: policy.version, factors })}\n`);
      return EXIT.ok;
    }
    const lines = [
      c.dim(`at ${shortTime(at)} UTC, policy ${policy.version}`),
      renderFinalTable([score], names, c),
    ];
    const counted = factors.filter((f) => f.points >= 0.05);
    if (counted.length > 0) lines.push(c.bold('factors, most points first'));
    for (const f of counted.slice(0, SHOWN_FACTORS)) {
      const vendor = f.vendorId === undefined ? '' : ` ${names(f.vendorId)}`;
      lines.push(
        `  ${c.red(`-${f.points.toFixed(1)}`.padStart(6))}  ${f.kind.replaceAll('_', ' ')}${vendor}: ${f.summary}`,
      );
    }
    if (counted.length > SHOWN_FACTORS)
      lines.push(c.dim(`  ... ${counted.length - SHOWN_FACTORS} more (--json lists all)`));
    ctx.term.out(`${lines.join('\n')}\n`);
    return EXIT.ok;
  },
};
