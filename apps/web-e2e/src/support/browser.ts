import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

/** Debian's Chromium (apt package `chromium`); CHROMIUM_PATH overrides. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Flags that keep Chromium off the network it cannot reach here (TOOLCHAIN.md). */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--gaia-url=http://127.0.0.1:9',
  '--google-apis-url=http://127.0.0.1:9',
  '--lso-url=http://127.0.0.1:9',
  '--component-updater=url-source=http://127.0.0.1:9',
];

export interface NewUserOptions {
  width?: number;
  height?: number;
  colorScheme?: 'light' | 'dark';
  locale?: string;
  /** Signs the browser in: the app restores the session from this refresh token at start. */
  refreshToken?: string;
}

export interface TestBrowser {
  browser: Browser;
  /** A fresh profile: one person in one browser. */
  newUser(options?: NewUserOptions): Promise<UserPage>;
  close(): Promise<void>;
}

export interface UserPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors seen so far (CSP violations included). */
  errors: string[];
}

export async function launchBrowser(): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}: install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  const profileRoot = mkdtempSync(join(tmpdir(), 'supchat-chromium-'));
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: FLAGS });
  return {
    browser,
    newUser: async (options = {}) => {
      const context = await browser.newContext({
        viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
        colorScheme: options.colorScheme ?? 'light',
        locale: options.locale ?? 'en-US',
      });
      if (options.refreshToken) {
        await context.addInitScript((token) => {
          if (!sessionStorage.getItem('e2e-seeded')) {
            localStorage.setItem('supchat.refreshToken', token);
            sessionStorage.setItem('e2e-seeded', '1');
          }
        }, options.refreshToken);
      }
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(String(error)));
      return { context, page, errors };
    },
    close: async () => {
      await browser.close();
      rmSync(profileRoot, { recursive: true, force: true });
    },
  };
}

/**
 * Saves a screenshot: into docs/screenshots (the README's) when UPDATE_SCREENSHOTS=1 (`npm run
 * screenshots`), else into tmp/screenshots, so a test run leaves the tracked files alone.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir =
    process.env['UPDATE_SCREENSHOTS'] === '1'
      ? join(process.cwd(), 'docs', 'screenshots')
      : join(process.cwd(), 'tmp', 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`) });
}
