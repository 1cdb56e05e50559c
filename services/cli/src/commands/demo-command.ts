import { loadPolicy } from '@trustwatch/trust-engine';
import { runDemo } from '../demo/run-demo.js';
import { EXIT, usageError } from '../errors.js';
import { numberOption, parseCommandArgs } from './args.js';
import type { Command } from './command.js';

const DEFAULT_SPEED = 30;
const DEFAULT_PORT = 8080;

function portOption(raw: unknown): number {
  const port = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(port >= 0 && port <= 65_535))
    throw usageError(`--port must be 0..65535, got "${String(raw)}"`, 'demo');
  return port;
}

export const demoCommand: Command = {
  name: 'demo',
  summary: 'replay the 2018 Super Micro story on a sample portfolio, all in one process',
  help: `Usage: trustwatch demo [--speed N] [--port N | --no-serve] [--json]

Starts the trust engine in this process on the in-memory bus and store, loads a sample portfolio
(fictional customers running Super Micro X11/X12/X13 boards and other vendors' servers) and a supplier
registry, then replays the timeline: a swapped BMC image, the October 2018 allegation, the denials, the
December 2018 audit, OSE moving production from CN to TW, two Supermicro BMC advisories and the upgrades
that fix one of them. Prints each trust change and the alerts the default rules raise as they happen,
and every customer's scores at the end. Then it serves the dashboard and the HTTP API over the demo's
data on 127.0.0.1, prints the URL and an admin key for this run, and waits for Ctrl-C; with --no-serve
it exits 0 after the scores.
The sample data is derived from public facts (see services/cli/demo-data/README.md).

Options:
  --speed N     simulated days per real second between steps (default ${DEFAULT_SPEED}); no pause is
                longer than 3 seconds
  --port N      the port to serve the dashboard and API on (default ${DEFAULT_PORT}; 0 picks a free one)
  --no-serve    run to the end, print the scores and exit 0
  --serve       serve after the replay (the default; kept for scripts that say so)
  --json        NDJSON on stdout: one {"kind":"step"|"trust_changed"|"alert"|"final_score"} object
                per line, then {"kind":"serving","url","apiKey"} unless --no-serve
  -h, --help    show this help

Examples:
  trustwatch demo
  trustwatch demo --speed 365
  trustwatch demo --port 0
  trustwatch demo --no-serve --json | jq 'select(.kind == "final_score")'
`,
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs('demo', argv, {
      speed: { type: 'string' },
      serve: { type: 'boolean' },
      'no-serve': { type: 'boolean' },
      port: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (values['help'] === true) {
      ctx.term.out(this.help);
      return EXIT.ok;
    }
    if (positionals.length > 0)
      throw usageError(`demo takes no arguments, got "${positionals.join(' ')}"`, 'demo');
    const speed = numberOption('demo', 'speed', values['speed'], DEFAULT_SPEED);
    if (values['serve'] === true && values['no-serve'] === true) {
      throw usageError('--serve and --no-serve contradict each other', 'demo');
    }
    const port = values['port'] === undefined ? DEFAULT_PORT : portOption(values['port']);
    if (values['no-serve'] === true && values['port'] !== undefined) {
      throw usageError('--port is where to serve; --no-serve does not serve', 'demo');
    }
    const serve = values['no-serve'] === true ? undefined : { port, until: () => ctx.interrupted() };
    const policy = await loadPolicy();
    const json = values['json'] === true;
    await runDemo({ speed, json, policy, log: ctx.log, ...(serve ? { serve } : {}) }, ctx.term);
    return EXIT.ok;
  },
};
