import type { Channel } from '@supchat/contracts';
import type { ApiServer } from '@supchat/testing';
import { startApiServer } from '@supchat/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { Person } from './support/api';
import { createChannel, postMessage, registerPerson } from './support/api';
import type { TestBrowser, UserPage } from './support/browser';
import { launchBrowser } from './support/browser';

/** The message row whose text contains `text`. */
function messageRow(page: Page, text: string): Locator {
  return page.locator('sc-message').filter({ hasText: text });
}

async function openChannel(user: UserPage, baseUrl: string, channel: Channel): Promise<void> {
  await user.page.goto(`${baseUrl}/c/${channel.id}`);
  await user.page.getByRole('heading', { level: 1, name: channel.name }).waitFor();
}

async function send(page: Page, text: string, composerName = /^message/i): Promise<void> {
  const composer = page.getByRole('textbox', { name: composerName }).last();
  await composer.fill(text);
  await composer.press('Enter');
}

async function hoverTool(page: Page, row: Locator, tool: RegExp): Promise<void> {
  await row.hover();
  await row.getByRole('button', { name: tool }).click();
}

describe('chatting in Chromium', () => {
  let server: ApiServer;
  let browser: TestBrowser;
  let alice: Person;
  let bob: Person;
  let general: Channel;
  let random: Channel;
  let aliceUi: UserPage;
  let bobUi: UserPage;
  const dataDir = mkdtempSync(join(tmpdir(), 'supchat-web-e2e-'));

  beforeAll(async () => {
    // A database file, so the restart in the last test keeps everything.
    server = await startApiServer({ env: { SQLITE_PATH: join(dataDir, 'supchat.db') } });
    browser = await launchBrowser();
    alice = await registerPerson(server.baseUrl, 'alice', 'Alice Martin');
    bob = await registerPerson(server.baseUrl, 'bob', 'Bob Durand');
    general = await createChannel(server.baseUrl, alice, 'general', [bob], 'Everything and nothing');
    random = await createChannel(server.baseUrl, alice, 'random', [bob]);
    aliceUi = await browser.newUser({ refreshToken: alice.refreshToken });
    bobUi = await browser.newUser({ refreshToken: bob.refreshToken });
    await openChannel(aliceUi, server.baseUrl, general);
    await openChannel(bobUi, server.baseUrl, general);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows a message typed by one person to the other at once, with typing indicator', async () => {
    const composer = bobUi.page.getByRole('textbox', { name: /^message/i });
    await composer.fill('thinking…');
    await aliceUi.page.getByText(/Bob Durand is typing/).waitFor();
    await composer.fill('');

    await send(aliceUi.page, 'Hello **Bob**, welcome!');
    await messageRow(bobUi.page, 'Hello Bob, welcome!').waitFor();
    await expect(messageRow(bobUi.page, 'Hello Bob, welcome!').locator('strong').innerText()).resolves.toBe(
      'Bob',
    );
  });

  it('edits, reacts, replies in a thread and deletes, live on both sides', async () => {
    await send(aliceUi.page, 'Lunch at noom?');
    const aliceRow = messageRow(aliceUi.page, 'Lunch at noom?');
    await aliceRow.waitFor();
    await hoverTool(aliceUi.page, aliceRow, /^edit$/i);
    const editor = aliceUi.page.getByRole('textbox', { name: /edit message/i });
    await editor.fill('Lunch at noon?');
    await editor.press('Enter');
    const edited = messageRow(bobUi.page, 'Lunch at noon?');
    await edited.getByText(/edited/).waitFor();

    await hoverTool(bobUi.page, edited, /add reaction/i);
    await bobUi.page
      .getByRole('button', { name: /^thumbs up/i })
      .first()
      .click();
    await messageRow(aliceUi.page, 'Lunch at noon?')
      .getByRole('button', { name: /👍: 1 reaction/ })
      .waitFor();

    await hoverTool(bobUi.page, messageRow(bobUi.page, 'Lunch at noon?'), /reply in thread/i);
    await send(bobUi.page, 'Yes, see you there', /reply in thread/i);
    await messageRow(aliceUi.page, 'Lunch at noon?')
      .getByRole('button', { name: /1 reply/ })
      .waitFor();
    await bobUi.page.getByRole('button', { name: /close thread/i }).click();

    await send(aliceUi.page, 'Oops, wrong channel');
    const oops = messageRow(aliceUi.page, 'Oops, wrong channel');
    await oops.waitFor();
    await hoverTool(aliceUi.page, oops, /^delete$/i);
    await oops
      .locator('sc-confirm')
      .getByRole('button', { name: /^delete$/i })
      .click();
    await bobUi.page.getByText('This message was deleted').waitFor();
    await expect(messageRow(bobUi.page, 'Oops, wrong channel').count()).resolves.toBe(0);
  });

  it('counts unread messages and mentions in the sidebar and clears them when the channel is read', async () => {
    await openChannel(bobUi, server.baseUrl, random);
    await send(aliceUi.page, 'News in general');
    await send(aliceUi.page, `@${bob.user.username} can you look?`);
    const generalLink = bobUi.page.getByRole('link', { name: /general/ });
    // Two unread messages, one of them mentions Bob: the badge shows the mention, emphasised.
    await generalLink.getByText('2 unread messages, 1 mention').waitFor();
    await expect(generalLink.locator('.badge.mention').innerText()).resolves.toBe('1');

    await generalLink.click();
    await bobUi.page.getByText('can you look?').waitFor();
    await generalLink.locator('.badge').waitFor({ state: 'detached' });
    await bobUi.page.getByText('New messages', { exact: false }).waitFor();
  });

  it('renders markdown safely: an HTML payload and a javascript: link stay inert text', async () => {
    let dialogs = 0;
    bobUi.page.on('dialog', (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });
    await send(
      aliceUi.page,
      'Look <img src=x onerror=alert(1)> and [click](javascript:alert(2)) and https://example.org',
    );
    const row = messageRow(bobUi.page, 'onerror=alert(1)');
    await row.waitFor();
    await expect(row.locator('img').count()).resolves.toBe(0);
    await expect(row.locator('[onerror]').count()).resolves.toBe(0);
    await expect(row.locator('a[href^="javascript"]').count()).resolves.toBe(0);
    const link = row.getByRole('link', { name: 'https://example.org' });
    await expect(link.getAttribute('rel')).resolves.toBe('noopener noreferrer');
    await expect(link.getAttribute('target')).resolves.toBe('_blank');
    expect(dialogs).toBe(0);
  });

  it('starts a direct conversation from the dialog; the other side sees it with a badge and presence', async () => {
    await aliceUi.page.getByRole('button', { name: /new direct message/i }).click();
    await aliceUi.page.getByLabel(/find people/i).fill(bob.user.username);
    await aliceUi.page.getByRole('checkbox', { name: /Bob Durand/ }).check();
    await aliceUi.page.getByRole('button', { name: /start conversation/i }).click();
    await aliceUi.page.waitForURL(/\/c\//);
    await send(aliceUi.page, 'A private word');
    const dm = bobUi.page.getByRole('link', { name: new RegExp(alice.user.username) });
    await dm.getByText(/1 unread message/).waitFor();
    // A one-to-one conversation shows the other person's presence.
    await dm.locator('sc-presence-dot').waitFor();
    await dm.click();
    await bobUi.page.getByText('A private word').waitFor();
    // Back to #general in the app (no reload) for the tests that follow.
    for (const ui of [aliceUi, bobUi]) {
      await ui.page.getByRole('link', { name: /general/ }).click();
      await ui.page.getByRole('heading', { level: 1, name: general.name }).waitFor();
    }
  });

  it('switches the interface to French and back', async () => {
    const switcher = bobUi.page.getByRole('combobox', { name: /language/i });
    await switcher.selectOption('fr');
    await bobUi.page.getByRole('heading', { name: /canaux/i }).waitFor();
    await expect(
      bobUi.page.getByRole('textbox', { name: /^message/i }).getAttribute('placeholder'),
    ).resolves.toMatch(/^Écrire/);
    await bobUi.page.getByRole('combobox', { name: /langue/i }).selectOption('en');
    await bobUi.page.getByRole('heading', { name: /^channels$/i }).waitFor();
  });

  it('survives a server restart: messages sent meanwhile arrive after reconnection, none twice', async () => {
    await server.stop();
    await bobUi.page
      .getByText(/reconnecting|offline/i)
      .first()
      .waitFor({ timeout: 15_000 });
    await send(bobUi.page, 'Sent while the server was down');
    server = await startApiServer({ port: server.port, env: server.env });
    await postMessage(server.baseUrl, alice, general.id, 'Posted right after the restart');

    for (const ui of [aliceUi, bobUi]) {
      await messageRow(ui.page, 'Sent while the server was down').waitFor({ timeout: 30_000 });
      await messageRow(ui.page, 'Posted right after the restart').waitFor({ timeout: 30_000 });
    }
    await aliceUi.page.waitForTimeout(1_000);
    for (const ui of [aliceUi, bobUi]) {
      await expect(messageRow(ui.page, 'Sent while the server was down').count()).resolves.toBe(1);
      await expect(messageRow(ui.page, 'Posted right after the restart').count()).resolves.toBe(1);
      await expect(messageRow(ui.page, 'Hello Bob, welcome!').count()).resolves.toBe(1);
    }
  });

  it('logs no browser errors beyond the expected disconnection', () => {
    const unexpected = (errors: string[]) =>
      errors.filter(
        (error) => !/ERR_CONNECTION_REFUSED|WebSocket|socket\.io|Failed to load resource/i.test(error),
      );
    expect(unexpected(aliceUi.errors)).toEqual([]);
    expect(unexpected(bobUi.errors)).toEqual([]);
  });
});
