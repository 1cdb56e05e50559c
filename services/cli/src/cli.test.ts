import { describe, expect, it } from 'vitest';
import { COMMANDS, runCli } from './cli.js';
import { ANSI, QUIET_ENV, captureTerminal } from './test-support/capture.js';

async function run(argv: string[], env = QUIET_ENV) {
  const term = captureTerminal({ env });
  const code = await runCli(argv, term, env);
  return { code, out: term.stdout(), err: term.stderr() };
}

describe('trustwatch command line', () => {
  it.each(COMMANDS.map((c) => c.name))(
    'prints help with examples for `%s --help` and exits 0',
    async (name) => {
      const { code, out, err } = await run([name, '--help']);
      expect(code).toBe(0);
      expect(out).toContain(`Usage: trustwatch ${name}`);
      expect(out).toContain('Examples:');
      expect(err).toBe('');
    },
  );

  it('lists every command in the main help and exits 0 when asked for it', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    for (const command of COMMANDS) expect(out).toContain(command.name);
    expect(out).toContain('Exit codes: 0 ok, 1 failure, 2 usage error');
  });

  it('prints the help on stderr and exits 2 when no command is given', async () => {
    const { code, out, err } = await run([]);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('Usage: trustwatch <command>');
  });

  it.each([
    [['frob'], 'unknown command "frob"', 'trustwatch --help'],
    [['--frob'], 'unknown option "--frob"', 'trustwatch --help'],
    [['demo', '--speed', '0'], '--speed must be a positive number', 'trustwatch demo --help'],
    [['demo', '--speed'], "'--speed", 'trustwatch demo --help'],
    [['demo', '--bogus'], "'--bogus'", 'trustwatch demo --help'],
    [['demo', 'extra'], 'demo takes no arguments', 'trustwatch demo --help'],
    [['demo', '--serve', '--no-serve'], '--serve and --no-serve contradict', 'trustwatch demo --help'],
    [['demo', '--port', '99999'], '--port must be 0..65535', 'trustwatch demo --help'],
    [['replay'], 'replay needs an EVENTS.ndjson file', 'trustwatch replay --help'],
    [['replay', 'a.ndjson', 'b.ndjson'], 'replay takes one events file', 'trustwatch replay --help'],
  ])('exits 2 with one error line and a hint for the usage error %j', async (argv, message, help) => {
    const { code, out, err } = await run(argv);
    expect(code).toBe(2);
    expect(out).toBe('');
    const [line, hint, rest] = err.split('\n');
    expect(line).toMatch(/^trustwatch: error: /);
    expect(line).toContain(message);
    expect(hint).toBe(`hint: run \`${help}\` for usage and examples`);
    expect(rest).toBe('');
  });

  it('exits 1 naming the file when the events file cannot be read', async () => {
    const { code, err } = await run(['replay', '/nonexistent/events.ndjson']);
    expect(code).toBe(1);
    expect(err).toContain('cannot read /nonexistent/events.ndjson');
    expect(err).toContain('hint: check the path');
  });

  it('prints the version', async () => {
    const { code, out } = await run(['--version']);
    expect(code).toBe(0);
    expect(out).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('colours errors when forced, and never when NO_COLOR is set', async () => {
    const forced = await run(['frob'], { ...QUIET_ENV, forceColor: true });
    expect(forced.err).toMatch(ANSI);
    const both = await run(['frob'], { ...QUIET_ENV, forceColor: true, noColor: true });
    expect(both.err).not.toMatch(ANSI);
  });
});
