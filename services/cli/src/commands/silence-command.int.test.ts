import { integrationTargets, uniqueName } from '@trustwatch/testing';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { QUIET_ENV, captureTerminal } from '../test-support/capture.js';

describe('silences in the Redis alerting store', () => {
  const prefix = uniqueName('twtest-cli-silence');

  async function cli(argv: string[]) {
    const { redisUrl } = integrationTargets();
    const term = captureTerminal();
    const environment = { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix };
    const code = await runCli(argv, term, { ...QUIET_ENV, environment });
    return { code, out: term.stdout(), err: term.stderr() };
  }

  it('adds a silence that lists as active, and expires it on request', async () => {
    const added = await cli([
      'silence',
      'add',
      '--matcher',
      'customer=globex',
      '--matcher',
      'rule=~advisory.*',
      '--ends',
      '2h',
      '--comment',
      'patching BMCs tonight',
      '--author',
      'alice',
      '--json',
    ]);
    expect(added.code).toBe(0);
    const silence = JSON.parse(added.out) as { id: string; startsAt: string; endsAt: string };
    expect(Date.parse(silence.endsAt) - Date.parse(silence.startsAt)).toBe(2 * 3_600_000);
    expect(silence).toMatchObject({
      matchers: [
        { name: 'customer', op: '=', value: 'globex' },
        { name: 'rule', op: '=~', value: 'advisory.*' },
      ],
      createdBy: 'alice',
      comment: 'patching BMCs tonight',
    });

    const listed = await cli(['silence', 'list', '--json']);
    expect(
      listed.out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual([{ ...silence, state: 'active' }]);
    const text = await cli(['silence', 'list']);
    expect(text.out).toContain(`${silence.id} active customer="globex", rule=~"advisory.*"`);

    const expired = await cli(['silence', 'expire', silence.id, '--json']);
    expect(expired.code).toBe(0);
    const after = await cli(['silence', 'list', '--json']);
    expect(JSON.parse(after.out)).toMatchObject({ id: silence.id, state: 'expired' });
  });

  it('exits 1 with a hint when the silence to expire does not exist', async () => {
    const { code, err } = await cli(['silence', 'expire', 'sil-000000000000000-none']);
    expect(code).toBe(1);
    expect(err).toContain('no silence with id sil-000000000000000-none');
    expect(err).toContain('hint: run `trustwatch silence list`');
  });
});
