import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import type { PanelServer } from './panel-server.js';

/** Debian's chromium, which `.ci/run` installs. */
export const CHROMIUM = '/usr/bin/chromium';
/** Where browser tests write screenshots of the main pages (a CI artifact). */
export const SHOTS = fileURLToPath(new URL('../../../test-artifacts/screenshots/', import.meta.url));

/** `false`, or why browser tests cannot run here (for tap's `skip`). */
export const skipWithoutChromium = existsSync(CHROMIUM)
  ? false
  : `browser tests need Debian chromium at ${CHROMIUM} (apt-get install chromium; .ci/run installs it)`;

interface Teardown {
  teardown(fn: () => unknown): void;
}

/** A browser page on the panel, the script errors it logged, and a screenshot helper. */
export interface PanelPage {
  browser: Browser;
  page: Page;
  /** Script errors the browser reported. */
  errors: string[];
  shot(name: string): Promise<void>;
}

/** Starts headless chromium on `server` and closes it on `t`'s teardown. */
export async function openPanel(t: Teardown, server: PanelServer, prefix: string): Promise<PanelPage> {
  mkdirSync(SHOTS, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--disable-gpu', '--disable-quic', '--disable-dev-shm-usage'],
  });
  t.teardown(() => browser.close());
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: { width: 1280, height: 860 },
    timezoneId: 'Europe/Berlin',
    locale: 'en-GB',
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (m) => {
    // Failed loads are API errors the panel shows on the page (tests assert those); script errors are bugs.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  const shot = async (name: string) => {
    await page.screenshot({ path: `${SHOTS}${prefix}-${name}.png`, fullPage: true });
  };
  return { browser, page, errors, shot };
}

/** Signs `discordUserId` in through the Discord emulator, with the setup code when given. */
export async function signIn(
  page: Page,
  server: PanelServer,
  discordUserId: string,
  setupCode?: string,
): Promise<void> {
  await page.goto('/admin/');
  await page.getByRole('button', { name: 'Sign in with Discord' }).waitFor();
  if (setupCode) {
    await page.getByRole('button', { name: 'First run? Enter the setup code' }).click();
    await page.getByLabel('Setup code').fill(setupCode);
  }
  server.discord.oauth.loginAs(discordUserId);
  await page.getByRole('button', { name: 'Sign in with Discord' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** A link of the main navigation, by its exact text. */
export const navLink = (page: Page, name: string): Locator =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

/** Calls the API from the page with the session cookie and CSRF token, as the panel does. */
export async function apiFromPage<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = (await (await fetch('/api/v1/me')).json()) as { csrfToken: string };
      const res = await fetch(path, {
        method,
        headers: {
          'x-csrf-token': me.csrfToken,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.status === 204 ? undefined : res.json();
    },
    { method, path, body },
  ) as Promise<T>;
}
