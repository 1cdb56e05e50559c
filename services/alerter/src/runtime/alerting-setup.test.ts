import { afterAll, describe, expect, it } from 'vitest';
import { loadAlertingSetup } from './alerting-setup.js';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;

async function files(
  receivers: string,
  routing?: string,
): Promise<{ receiversFile: string; routingFile?: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'alerter-setup-'));
  dirs.push(dir);
  await writeFile(join(dir, 'receivers.yaml'), receivers);
  if (routing === undefined) return { receiversFile: join(dir, 'receivers.yaml') };
  await writeFile(join(dir, 'routing.yaml'), routing);
  return { receiversFile: join(dir, 'receivers.yaml'), routingFile: join(dir, 'routing.yaml') };
}

const bothReceivers = [
  'version: 1',
  'receivers:',
  `  - { name: security-default, kind: webhook, url: 'https://hooks.example.com/sec', secrets: ['${secret}'] }`,
  "  - { name: security-pager, kind: pagerduty, routingKey: 'R0UT1NGKEY' }",
].join('\n');

describe('the alerter setup files', () => {
  it('loads the shipped rules and routing with a receivers file naming every routed receiver', async () => {
    const setup = await loadAlertingSetup(await files(bothReceivers));
    expect(setup.receivers.map((r) => r.name)).toEqual(['security-default', 'security-pager']);
    expect(setup.rules.rules.some((r) => r.name === 'firmware-image-swapped')).toBe(true);
    expect(setup.policy.allow).toEqual([]);
  });

  it('refuses a receivers file that lacks a receiver the routing names', async () => {
    const oneReceiver = bothReceivers.split('\n').slice(0, 3).join('\n');
    await expect(loadAlertingSetup(await files(oneReceiver))).rejects.toMatchObject({
      code: 'INVALID_CONFIG',
    });
  });

  it('refuses a route that does not group by customer, so no notification mixes customers', async () => {
    const routing = [
      'version: 1',
      'receivers: [{ name: security-default }, { name: security-pager }]',
      'route: { receiver: security-default, group_by: [severity] }',
      'inhibit_rules: []',
    ].join('\n');
    await expect(loadAlertingSetup(await files(bothReceivers, routing))).rejects.toThrow(
      /must group by customer/,
    );
  });

  it('refuses a receiver with a non-http URL before anything connects', async () => {
    const bad = bothReceivers.replace('https://hooks.example.com/sec', 'file:///etc/passwd');
    await expect(loadAlertingSetup(await files(bad))).rejects.toMatchObject({ code: 'INVALID_CONFIG' });
  });
});
