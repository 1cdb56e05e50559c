import { createServer } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../cli.js';
import { QUIET_ENV, captureTerminal } from '../test-support/capture.js';

describe('trustwatch demo', () => {
  it('serves the dashboard and API after the story by default, and exits 0 when interrupted', async () => {
    const term = captureTerminal();
    const answers: number[] = [];
    const interrupted = async (): Promise<void> => {
      await vi.waitFor(() => expect(term.stdout()).toMatch(/Dashboard at http:\/\/127\.0\.0\.1:\d+\//));
      const url = /Dashboard at (http:\/\/127\.0\.0\.1:\d+)\//.exec(term.stdout())?.[1] ?? '';
      const key = /admin key, valid for this run only:\n {2}(\S+)/.exec(term.stdout())?.[1] ?? '';
      // The page is the dashboard when built, else the page saying how to build it: either way HTML.
      const page = await fetch(`${url}/`);
      answers.push(
        page.status,
        (await fetch(`${url}/v1/customers`, { headers: { 'X-Api-Key': key } })).status,
      );
      expect(page.headers.get('content-type')).toContain('text/html');
    };
    const code = await runCli(['demo', '--port', '0', '--speed', '1000000000'], term, QUIET_ENV, interrupted);
    expect(code).toBe(0);
    expect([200, 503]).toContain(answers[0]);
    expect(answers[1]).toBe(200);
    expect(term.stdout()).toContain('Scores at 2025-09-19');
  }, 60_000);

  it('exits 1 with a hint when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const term = captureTerminal();
      const code = await runCli(['demo', '--port', String(port), '--speed', '1000000000'], term, QUIET_ENV);
      expect(code).toBe(1);
      expect(term.stderr()).toContain(`port ${port} on 127.0.0.1 is already in use`);
      expect(term.stderr()).toContain('hint: pass --port with a free port');
    } finally {
      blocker.close();
    }
  }, 60_000);

  it('announces the URL and key as one JSON line after the story with --json', async () => {
    const term = captureTerminal();
    let served: { kind: string; url: string; apiKey: string } | undefined;
    const interrupted = async (): Promise<void> => {
      await vi.waitFor(() => expect(term.stdout()).toContain('"kind":"serving"'));
      served = JSON.parse(term.stdout().trim().split('\n').at(-1) ?? '') as typeof served;
      const reply = await fetch(`${served?.url ?? ''}v1/customers`, {
        headers: { 'X-Api-Key': served?.apiKey ?? '' },
      });
      expect(reply.status).toBe(200);
    };
    const argv = ['demo', '--json', '--port', '0', '--speed', '1000000000'];
    expect(await runCli(argv, term, QUIET_ENV, interrupted)).toBe(0);
    expect(served?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  }, 60_000);
});
