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
    [['demo', '--no-serve', '--port', '1'], '--no-serve does not serve', 'trustwatch demo --help'],
    [['score'], 'score needs a customer id', 'trustwatch score --help'],
    [['score', 'a', 'b'], 'score takes one customer id', 'trustwatch score --help'],
    [['score', 'a', '--at', 'yesterday'], '--at must be an ISO 8601 date', 'trustwatch score --help'],
    [
      ['score', 'a', '--at', '2018-10-05T12:00:00'],
      '--at must be an ISO 8601 date',
      'trustwatch score --help',
    ],
    [['feed'], 'feed needs a customer id', 'trustwatch feed --help'],
    [['feed', 'a', '--limit', '0'], '--limit must be a whole number 1..1000', 'trustwatch feed --help'],
    [['feed', 'a', '--since', 'x', '--before', 'y'], 'give one', 'trustwatch feed --help'],
    [['topics'], 'topics needs a subcommand', 'trustwatch topics --help'],
    [['topics', 'delete'], 'unknown topics subcommand "delete"', 'trustwatch topics --help'],
    [['dlq'], 'dlq needs a subcommand', 'trustwatch dlq --help'],
    [['dlq', 'list', '--topic', 'nope'], 'unknown topic "nope"', 'trustwatch dlq --help'],
    [['dlq', 'list', '--id', 'x'], '--id selects records to replay', 'trustwatch dlq --help'],
    [['dlq', 'replay'], 'dlq replay needs --topic or --id', 'trustwatch dlq --help'],
    [['dlq', 'list', '--limit', 'many'], '--limit must be a whole number', 'trustwatch dlq --help'],
    [['fleet'], 'fleet needs a subcommand: import', 'trustwatch fleet --help'],
    [['fleet', 'import', 'acme'], 'fleet import needs CUSTOMER and FILE', 'trustwatch fleet --help'],
    [['fleet', 'import', 'a', 'f', '--format', 'xml'], '--format must be one of', 'trustwatch fleet --help'],
    [['silence'], 'silence needs a subcommand', 'trustwatch silence --help'],
    [
      ['silence', 'add', '--ends', '2h', '--comment', 'x'],
      'needs at least one --matcher',
      'trustwatch silence --help',
    ],
    [['silence', 'add', '--matcher', 'a=b', '--comment', 'x'], 'needs --ends', 'trustwatch silence --help'],
    [['silence', 'add', '--matcher', 'a=b', '--ends', '2h'], 'needs --comment', 'trustwatch silence --help'],
    [
      ['silence', 'add', '--matcher', 'a=b', '--ends', 'later', '--comment', 'x'],
      '--ends must be',
      'trustwatch silence --help',
    ],
    [
      ['silence', 'add', '--matcher', 'a=b', '--ends', '2020-01-01T00:00:00Z', '--comment', 'x'],
      'a silence must end after it starts',
      'trustwatch silence --help',
    ],
    [
      ['silence', 'add', '--matcher', 'a=~.*', '--ends', '2h', '--comment', 'x'],
      'at least one matcher',
      'trustwatch silence --help',
    ],
    [['silence', 'expire'], 'silence expire needs a silence ID', 'trustwatch silence --help'],
    [['silence', 'list', '--matcher', 'a=b'], '--matcher is for silence add', 'trustwatch silence --help'],
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

  it.each([
    [['score', 'acme'], 'REDIS_URL: required'],
    [['feed', 'acme'], 'REDIS_URL: required'],
    [['silence', 'list'], 'REDIS_URL: required'],
    [['topics', 'ensure'], 'KAFKA_BROKERS: required'],
    [['dlq', 'list'], 'KAFKA_BROKERS: required'],
    [['fleet', 'import', 'acme', 'fleet.csv'], 'KAFKA_BROKERS: required'],
  ])('exits 1 naming the missing variable when %j runs without its environment', async (argv, variable) => {
    const { code, err } = await run(argv);
    expect(code).toBe(1);
    expect(err).toContain(`trustwatch: error: invalid environment: ${variable}`);
    expect(err).toContain('hint: set the variables named above');
  });

  it('exits 1 with a hint to start Redis when Redis does not answer', async () => {
    const env = { ...QUIET_ENV, environment: { REDIS_URL: 'redis://127.0.0.1:1' } };
    const { code, err } = await run(['score', 'acme'], env);
    expect(code).toBe(1);
    expect(err).toContain('cannot connect to Redis at the address in REDIS_URL');
    expect(err).toContain('hint: start Redis (`npm run infra:up` starts a local one)');
  });

  it('lists the topic catalog without connecting to Kafka', async () => {
    const { code, out } = await run(['topics', 'list']);
    expect(code).toBe(0);
    expect(out).toContain('`trust.changed.dlq`');
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
