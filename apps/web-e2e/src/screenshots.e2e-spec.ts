import type { ApiServer } from '@supchat/testing';
import { startApiServer } from '@supchat/testing';
import type { Page } from 'playwright-core';
import { createChannel, postMessage, registerPerson } from './support/api';
import type { TestBrowser } from './support/browser';
import { launchBrowser, screenshot } from './support/browser';

/** Saves the README's screenshots (docs/screenshots) from a small, realistic conversation. */
describe('screenshots of the main screens', () => {
  let server: ApiServer;
  let browser: TestBrowser;
  let url: string;
  let refreshToken: () => string;

  beforeAll(async () => {
    server = await startApiServer();
    browser = await launchBrowser();
    const base = server.baseUrl;
    const camille = await registerPerson(base, 'camille', 'Camille Laurent');
    const malik = await registerPerson(base, 'malik', 'Malik Benali');
    const sofia = await registerPerson(base, 'sofia', 'Sofia Rossi');
    const team = await createChannel(
      base,
      camille,
      'product-team',
      [malik, sofia],
      'Roadmap, releases and launch plans',
    );
    await createChannel(base, malik, 'random', [camille]);
    await createChannel(base, sofia, 'support', [camille]);
    await postMessage(base, malik, team.id, 'Morning all! The **2.4 release** is tagged and on staging.');
    await postMessage(
      base,
      sofia,
      team.id,
      'Nice. I ran the smoke tests:\n- login ✅\n- search ✅\n- exports ✅',
    );
    await postMessage(
      base,
      camille,
      team.id,
      `Great work @${malik.user.username} and @${sofia.user.username}! Shipping at 14:00.`,
    );
    await postMessage(base, malik, team.id, 'Changelog draft: `docs/releases/2.4.md` — reviews welcome.');
    url = `${base}/c/${team.id}`;
    // Each browser needs a token of its own: they rotate on use.
    const tokens = [camille.refreshToken];
    refreshToken = () => tokens.shift() ?? '';
    for (let index = 0; index < 3; index += 1) {
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: camille.user.email, password: camille.password }),
      });
      tokens.push(((await login.json()) as { refreshToken: string }).refreshToken);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function open(page: Page): Promise<void> {
    await page.goto(url);
    await page.getByText('Changelog draft').waitFor();
    await page.waitForTimeout(300);
  }

  it('channel view, light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page } = await browser.newUser({ colorScheme, refreshToken: refreshToken() });
      await open(page);
      await screenshot(page, `channel-${colorScheme}`);
      await page.context().close();
    }
  });

  it('thread panel', async () => {
    const { page } = await browser.newUser({ refreshToken: refreshToken() });
    await open(page);
    const row = page.locator('sc-message').filter({ hasText: '2.4 release' });
    await row.hover();
    await row.getByRole('button', { name: /reply in thread/i }).click();
    const composer = page.getByRole('textbox', { name: /reply in thread/i });
    await composer.fill('Can we add the migration notes before 14:00?');
    await composer.press('Enter');
    await page.locator('sc-thread-panel').getByText('migration notes').waitFor();
    await screenshot(page, 'thread');
    await page.context().close();
  });

  it('mobile width, sidebar collapsed and open', async () => {
    const { page } = await browser.newUser({ width: 390, height: 844, refreshToken: refreshToken() });
    await open(page);
    await screenshot(page, 'mobile');
    await page.getByRole('button', { name: /open the channel list/i }).click();
    await page.getByRole('link', { name: /support/ }).waitFor();
    await page.waitForTimeout(400); // the drawer slides in
    await screenshot(page, 'mobile-sidebar');
    await page.context().close();
  });
});
