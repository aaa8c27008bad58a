import type { ApiServer } from '@supchat/testing';
import { startApiServer } from '@supchat/testing';
import type { Page } from 'playwright-core';
import { registerPerson } from './support/api';
import type { TestBrowser, UserPage } from './support/browser';
import { launchBrowser } from './support/browser';

/** The README's "done when": new people, the UI only, from registration to a conversation. */
describe('first steps of new users, through the UI only, in Chromium', () => {
  let server: ApiServer;
  let browser: TestBrowser;
  let alice: UserPage;
  let bob: UserPage;

  beforeAll(async () => {
    server = await startApiServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function register(page: Page, username: string, displayName: string): Promise<void> {
    await page.goto(`${server.baseUrl}/`);
    await page.waitForURL(/\/login/);
    await page.getByRole('link', { name: /create an account/i }).click();
    await page.getByLabel(/^email/i).fill(`${username}@example.com`);
    await page.getByLabel(/^username/i).fill(username);
    await page.getByLabel(/^display name/i).fill(displayName);
    await page.getByLabel(/^password/i).fill('correct horse battery');
    await page.getByRole('button', { name: /create account/i }).click();
    await page.waitForURL(`${server.baseUrl}/`);
  }

  async function send(page: Page, text: string): Promise<void> {
    const composer = page.getByRole('textbox', { name: /^message/i });
    await composer.fill(text);
    await composer.press('Enter');
  }

  const members = (page: Page) =>
    page.locator('sc-member-list li').filter({ has: page.locator('sc-avatar') });

  it('registers, creates a channel in the dialog, invites someone from the member list, and they chat', async () => {
    alice = await browser.newUser();
    bob = await browser.newUser();
    await register(alice.page, 'ada', 'Ada Lovelace');
    await register(bob.page, 'brian', 'Brian Kernighan');

    await alice.page.getByRole('button', { name: /create a channel/i }).click();
    const dialog = alice.page.getByRole('dialog');
    await dialog.getByLabel(/^name/i).fill('Engine Room');
    await dialog.getByLabel(/^topic/i).fill('Difference and analytical engines');
    await dialog.getByRole('button', { name: /^create$/i }).click();
    await alice.page.getByRole('heading', { level: 1, name: 'engine-room' }).waitFor();

    await alice.page.getByRole('button', { name: /1 member/i }).click();
    await alice.page.getByLabel(/invite people/i).fill('brian');
    await alice.page
      .locator('sc-member-list .invite li')
      .filter({ hasText: 'Brian Kernighan' })
      .getByRole('button', { name: /^add$/i })
      .click();
    await alice.page.getByRole('status').filter({ hasText: 'Brian Kernighan was added' }).waitFor();
    await members(alice.page).filter({ hasText: 'Brian Kernighan' }).waitFor();

    // Brian's sidebar gets the channel live (channel-joined), without a reload.
    await bob.page.getByRole('link', { name: /engine-room/ }).click();
    await bob.page.getByRole('heading', { level: 1, name: 'engine-room' }).waitFor();

    await send(alice.page, 'Welcome aboard, **Brian**!');
    await bob.page.locator('sc-message').filter({ hasText: 'Welcome aboard, Brian!' }).waitFor();
    await send(bob.page, '@ada thanks, glad to be here');
    await alice.page.locator('sc-message.mentioned').filter({ hasText: 'glad to be here' }).waitFor();
    expect([...alice.errors, ...bob.errors]).toEqual([]);
  });

  it('someone who browses and joins shows up at once in an open member list and in @-suggestions', async () => {
    const carol = await registerPerson(server.baseUrl, 'carol', 'Carol Shaw');
    const carolUi = await browser.newUser({ refreshToken: carol.refreshToken });
    await carolUi.page.goto(`${server.baseUrl}/`);
    await carolUi.page.getByRole('button', { name: /browse channels/i }).click();
    await carolUi.page.getByPlaceholder(/search channels/i).fill('engine');
    await carolUi.page
      .getByRole('dialog')
      .locator('li')
      .filter({ hasText: 'engine-room' })
      .getByRole('button', { name: /^join$/i })
      .click();
    await carolUi.page.getByRole('heading', { level: 1, name: 'engine-room' }).waitFor();

    // Ada's member panel is still open from the first test.
    await members(alice.page).filter({ hasText: 'Carol Shaw' }).waitFor();
    await expect(members(alice.page).count()).resolves.toBe(3);
    await alice.page.getByRole('button', { name: /3 members/i }).waitFor();
    await alice.page.getByRole('textbox', { name: /^message/i }).fill('@car');
    await alice.page.getByRole('option', { name: /Carol Shaw/ }).waitFor();
    await alice.page.getByRole('textbox', { name: /^message/i }).fill('');

    await send(carolUi.page, 'Hello both');
    for (const ui of [alice, bob]) {
      await ui.page.locator('sc-message').filter({ hasText: 'Hello both' }).waitFor();
    }
    expect(carolUi.errors).toEqual([]);
  });

  it('at 360 px wide the channel view with the member list open does not scroll sideways', async () => {
    await alice.page.setViewportSize({ width: 360, height: 740 });
    await alice.page.locator('sc-member-list').waitFor();
    await members(alice.page).first().waitFor();
    await alice.page.waitForTimeout(300); // layout settles after the resize
    const overflow = await alice.page.evaluate(() => {
      const widest = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
      const sticking = Array.from(document.querySelectorAll('body *'))
        .filter((element) => {
          const box = element.getBoundingClientRect();
          const style = getComputedStyle(element);
          return box.width > 0 && style.visibility !== 'hidden' && box.right > window.innerWidth + 0.5;
        })
        .map((element) => `${element.tagName.toLowerCase()}.${element.className}`);
      return { widest, sticking };
    });
    expect(overflow).toEqual({ widest: 360, sticking: [] });
    // The member list covers the conversation and can be closed again.
    await alice.page.getByRole('button', { name: /hide members/i }).click();
    await alice.page.locator('sc-member-list').waitFor({ state: 'detached' });
  });
});
