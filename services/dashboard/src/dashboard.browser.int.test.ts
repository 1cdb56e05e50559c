import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleDashboard } from './build/bundle.js';
import { chromiumPath } from './test-support/config.js';
import { buildDashboardWorld, trustChange, type DashboardWorld } from './test-support/seed.js';

const SHOTS = fileURLToPath(new URL('../../../.test-artifacts/screenshots/', import.meta.url));
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

let dir: string;
let world: DashboardWorld;
let browser: Browser;
let page: Page;
let base: string;
// Console errors and uncaught exceptions, including any Content-Security-Policy violation.
const problems: string[] = [];

beforeAll(async () => {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath))
    throw new Error(
      `Chromium not found at ${executablePath}: run infra/chromium/install.sh or set CHROMIUM_PATH`,
    );
  dir = await mkdtemp(join(tmpdir(), 'tw-dashboard-'));
  await Promise.all([bundleDashboard(dir), mkdir(SHOTS, { recursive: true })]);
  world = await buildDashboardWorld(dir, Date.now());
  await world.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${String((world.app.server.address() as AddressInfo).port)}`;
  // Running as root in CI containers needs --no-sandbox; the page only ever loads this test's API.
  browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
  page = await browser.newPage({ viewport: DESKTOP, locale: 'en-GB', timezoneId: 'UTC' });
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  page.on('pageerror', (err) => problems.push(err.message));
});

afterAll(async () => {
  await browser?.close();
  await world?.app.close();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

const shot = (name: string) =>
  page.screenshot({ path: join(SHOTS, `dashboard-${name}.png`), fullPage: true });

describe('dashboard in a real browser', () => {
  it('signs in with an API key and shows the portfolio with scores in words', async () => {
    await page.goto(`${base}/`);
    await page.getByLabel('API key').waitFor();
    await shot('sign-in');
    await page.getByLabel('API key').fill(world.keys.security);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Customers' }).waitFor();
    const acme = page.getByRole('row', { name: /Acme Corp/ });
    await expect.poll(() => acme.textContent()).toContain('62, watch');
    expect(await page.getByRole('row', { name: /Globex/ }).textContent()).toContain('90, good');
    expect(await acme.getByRole('img').getAttribute('aria-label')).toBe('Trend over 30 days: from 96 to 62');
    expect(await page.evaluate(() => sessionStorage.getItem('trustwatch.apiKey'))).toBe(world.keys.security);
    await shot('portfolio');
  });

  it('opens a customer with its chart, factors and evidence, and a live feed entry arrives', async () => {
    await page.getByRole('link', { name: 'Acme Corp' }).click();
    await page.getByRole('heading', { name: 'Acme Corp' }).waitFor();
    await page.getByText('Live: new changes appear here as they happen.').waitFor();
    expect(await page.locator('.chart canvas').count()).toBeGreaterThan(0);
    const evidence = page.getByRole('link', { name: 'nvd.nist.gov' });
    expect(await evidence.getAttribute('href')).toBe('https://nvd.nist.gov/vuln/detail/CVE-2024-10237');
    expect(await page.getByRole('table', { name: 'Firmware running in the fleet' }).textContent()).toContain(
      '1.73.06',
    );

    const at = Date.now();
    await world.store.applyMany([
      {
        customerId: 'acme',
        eventId: `live-${String(at)}`,
        version: at,
        factors: [],
        change: trustChange('acme', at, 62, 55, 'Live Wire Desk'),
      },
    ]);
    const arrived = page.locator('.feed .fresh', { hasText: 'Live Wire Desk' });
    await arrived.waitFor({ timeout: 5000 });
    expect(await arrived.textContent()).toContain('Overall 62 → 55 (−7)');
    await shot('customer');
  });

  it('fits a phone screen without sideways scrolling', async () => {
    await page.setViewportSize(PHONE);
    await page.getByRole('heading', { name: 'Acme Corp' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await shot('customer-phone');
    await page.setViewportSize(DESKTOP);
  });

  it('acknowledges an alert', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Alerts' }).click();
    await page.getByRole('heading', { name: 'Trust in Supermicro for Acme Corp fell below 80' }).waitFor();
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await page.getByText('Acknowledged by soc').waitFor();
    await shot('alerts');
  });

  it('creates a silence, lists it as active and ends it', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Silences' }).click();
    await page.getByLabel('Customer id').fill('acme');
    await page.getByLabel('For how long').selectOption({ label: '1 day' });
    await page.getByLabel('Reason').fill('Supplier audit under way; the report is being checked');
    await page.getByRole('button', { name: 'Create silence' }).click();
    const card = page.locator('.card', { hasText: 'customer is acme' });
    await card.getByText('Active').waitFor();
    await shot('silences');
    await card.getByRole('button', { name: 'End now' }).click();
    await card.getByText('Ended').waitFor();
  });

  it('raised no console error or content-security-policy violation on any page', () => {
    expect(problems).toEqual([]);
  });
});
