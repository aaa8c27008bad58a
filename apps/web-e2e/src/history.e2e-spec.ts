import type { ApiServer } from '@supchat/testing';
import { startApiServer } from '@supchat/testing';
import { createChannel, postMessage, registerPerson } from './support/api';
import type { TestBrowser } from './support/browser';
import { launchBrowser } from './support/browser';

describe('a long history in Chromium', () => {
  let server: ApiServer;
  let browser: TestBrowser;

  beforeAll(async () => {
    server = await startApiServer({ env: { MESSAGE_RATE_PER_SECOND: '1000', MESSAGE_RATE_BURST: '1000' } });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('renders only what is on screen, loads older pages when scrolled up and keeps the reader’s place', async () => {
    const base = server.baseUrl;
    const writer = await registerPerson(base, 'writer', 'Writer');
    const reader = await registerPerson(base, 'reader', 'Reader');
    const channel = await createChannel(base, writer, 'archive', [reader]);
    const freshToken = async () => {
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: reader.user.email, password: reader.password }),
      });
      return ((await login.json()) as { refreshToken: string }).refreshToken;
    };
    for (let index = 1; index <= 180; index += 1) {
      await postMessage(
        base,
        writer,
        channel.id,
        `Message number ${index}${index % 7 === 0 ? '\n\nwith a second paragraph' : ''}`,
      );
    }
    const { page } = await browser.newUser({ refreshToken: reader.refreshToken });
    await page.goto(`${base}/c/${channel.id}`);
    await page.getByText('Message number 180').waitFor();

    // Virtual scrolling: far fewer rows in the DOM than messages loaded.
    const rendered = await page.locator('sc-message').count();
    expect(rendered).toBeGreaterThan(3);
    expect(rendered).toBeLessThan(60);

    const viewport = page.locator('cdk-virtual-scroll-viewport');
    const oldest = async () => {
      const texts = await page.locator('sc-message').allInnerTexts();
      const numbers = texts
        .map((text) => Number(/Message number (\d+)/.exec(text)?.[1]))
        .filter(Number.isFinite);
      return Math.min(...numbers);
    };
    // Scroll up step by step until the first message appears: older pages load on the way.
    for (let step = 0; step < 80 && (await oldest()) > 1; step += 1) {
      await viewport.evaluate((element) => element.scrollBy(0, -1500));
      await page.waitForTimeout(150);
    }
    expect(await oldest()).toBe(1);

    // The reader's place is kept when a page is prepended: the message on screen does not move.
    const fresh = await browser.newUser({ refreshToken: await freshToken() });
    await fresh.page.goto(`${base}/c/${channel.id}`);
    await fresh.page.getByText('Message number 180').waitFor();
    const freshViewport = fresh.page.locator('cdk-virtual-scroll-viewport');
    await freshViewport.evaluate((element) => element.scrollTo(0, 0));
    const watched = fresh.page.locator('sc-message').filter({ hasText: 'Message number 131' });
    const before = await watched.boundingBox();
    await fresh.page
      .locator('sc-message')
      .filter({ hasText: 'Message number 100' })
      .waitFor({ state: 'attached' });
    await fresh.page.waitForTimeout(300);
    const after = await watched.boundingBox();
    expect(before).not.toBeNull();
    expect(Math.abs((after?.y ?? 0) - (before?.y ?? 0))).toBeLessThan(4);

    await fresh.page.getByRole('button', { name: /jump to latest/i }).click();
    await fresh.page.getByText('Message number 180').waitFor();
  });

  it('Up arrow in the composer edits your last message even when it is far above the rendered rows', async () => {
    const base = server.baseUrl;
    const talker = await registerPerson(base, 'talker', 'Talker');
    const me = await registerPerson(base, 'me', 'Me');
    const channel = await createChannel(base, talker, 'busy', [me]);
    await postMessage(base, me, channel.id, 'My own words, long ago');
    // Within the newest page (50), but far above the rows the virtual scroll renders.
    for (let index = 1; index <= 45; index += 1) {
      await postMessage(base, talker, channel.id, `Chatter ${index}\n\nwith more\n\nto say`);
    }
    const { page, errors } = await browser.newUser({ refreshToken: me.refreshToken });
    await page.goto(`${base}/c/${channel.id}`);
    await page.locator('sc-message').filter({ hasText: 'Chatter 45' }).waitFor();
    const mine = page.locator('sc-message').filter({ hasText: 'My own words' });
    await expect(mine.count()).resolves.toBe(0);

    await page.getByRole('textbox', { name: /^message/i }).press('ArrowUp');
    const editor = page.getByRole('textbox', { name: /edit message/i });
    await editor.waitFor();
    await expect(editor.inputValue()).resolves.toBe('My own words, long ago');
    await expect(editor.evaluate((element) => element === document.activeElement)).resolves.toBe(true);
    await expect(editor.isVisible()).resolves.toBe(true);

    await editor.fill('My own words, edited');
    await editor.press('Enter');
    await page
      .locator('sc-message')
      .filter({ hasText: 'My own words, edited' })
      .getByText('(edited)')
      .waitFor();
    expect(errors).toEqual([]);
  });
});
