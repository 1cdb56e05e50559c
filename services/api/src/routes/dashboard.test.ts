import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, type World } from '../test-support/world.js';
import { DASHBOARD_CSP } from './dashboard.js';

let dir: string;
let built: World;
let unbuilt: World;
const PAGE = '<!doctype html><title>Trustwatch</title><script src="/assets/main-ABC123.js"></script>';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tw-dashboard-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), PAGE);
  await writeFile(join(dir, 'assets', 'main-ABC123.js'), 'console.log(1)');
  built = await buildWorld({ dashboardDir: dir });
  unbuilt = await buildWorld({ dashboardDir: join(dir, 'missing') });
});
afterAll(async () => {
  await Promise.all([built.app.close(), unbuilt.app.close()]);
  await rm(dir, { recursive: true, force: true });
});

describe('dashboard files', () => {
  it('serves the page at / with a strict content security policy and revalidation', async () => {
    const res = await built.app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(PAGE);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toBe(DASHBOARD_CSP);
    expect(DASHBOARD_CSP).not.toContain('unsafe');
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('serves hashed assets as immutable for a year', async () => {
    const res = await built.app.inject({ method: 'GET', url: '/assets/main-ABC123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('refuses asset paths outside the bundle and answers 404 for unknown files', async () => {
    const escape = await built.app.inject({ method: 'GET', url: '/assets/..%2Findex.html' });
    expect(escape.statusCode).toBe(400);
    expect((await built.app.inject({ method: 'GET', url: '/assets/nope-1.js' })).statusCode).toBe(404);
  });

  it('answers 503 with a page saying to run the build when the bundle is missing, and the API still works', async () => {
    const res = await unbuilt.app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('npm run build');
    const api = await unbuilt.app.inject({
      method: 'GET',
      url: '/v1/me',
      headers: { 'x-api-key': unbuilt.keys.admin },
    });
    expect(api.statusCode).toBe(200);
  });
});
