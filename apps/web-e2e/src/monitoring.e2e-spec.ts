import type {
  Ack,
  ClientToServerEvents,
  Message,
  MonitorServerToClientEvents,
  ServerToClientEvents,
} from '@supchat/contracts';
import type { ApiServer } from '@supchat/testing';
import { startApiServer } from '@supchat/testing';
import type { Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { io } from 'socket.io-client';
import type { Person } from './support/api';
import { createChannel, registerPerson } from './support/api';
import type { TestBrowser, UserPage } from './support/browser';
import { launchBrowser, screenshot } from './support/browser';

type ChatClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The number a dashboard tile shows ('1,234' -> 1234), or NaN while it shows none. */
async function tileNumber(page: Page, metric: string): Promise<number> {
  const text = await page.locator(`[data-metric="${metric}"] dd`).innerText();
  return Number(text.replace(/[^\d.]/g, '') || Number.NaN);
}

/** Waits until a tile's number satisfies `predicate` (the dashboard updates once a second). */
async function waitForTile(
  page: Page,
  metric: string,
  predicate: (value: number) => boolean,
  timeoutMs = 20_000,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let value = Number.NaN;
  while (Date.now() < deadline) {
    value = await tileNumber(page, metric);
    if (predicate(value)) return value;
    await page.waitForTimeout(250);
  }
  throw new Error(`tile ${metric} stayed at ${value}`);
}

/** A chat client of the default namespace, connected and `ready`. */
async function connectChat(baseUrl: string, person: Person): Promise<ChatClient> {
  const socket: ChatClient = io(baseUrl, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: { token: person.accessToken },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('ready', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

function sendMessage(
  socket: ChatClient,
  channelId: string,
  content: string,
  id: string,
): Promise<Ack<Message>> {
  return new Promise((resolve) =>
    socket.emit('send-message', { channelId, content, clientMessageId: id }, (ack) => resolve(ack)),
  );
}

/** Where a `/monitor` handshake ends: 'connected' or the connect_error message. */
function monitorHandshake(baseUrl: string, token: string): Promise<string> {
  const socket: Socket<MonitorServerToClientEvents> = io(`${baseUrl}/monitor`, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: { token },
  });
  return new Promise<string>((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', (error) => resolve(error.message));
  }).finally(() => socket.close());
}

/** A second session of the same person (refresh tokens rotate: each browser needs its own). */
async function newRefreshToken(baseUrl: string, person: Person): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: person.user.email, password: person.password }),
  });
  return ((await response.json()) as { refreshToken: string }).refreshToken;
}

describe('the monitoring dashboard in Chromium', () => {
  let server: ApiServer;
  let browser: TestBrowser;
  let admin: Person;
  let member: Person;
  let channelId: string;
  let adminUi: UserPage;

  beforeAll(async () => {
    server = await startApiServer();
    browser = await launchBrowser();
    // A fresh database: the first person to register is the admin.
    admin = await registerPerson(server.baseUrl, 'ada', 'Ada Admin');
    member = await registerPerson(server.baseUrl, 'max', 'Max Member');
    expect(admin.user.role).toBe('admin');
    expect(member.user.role).toBe('member');
    channelId = (await createChannel(server.baseUrl, member, 'load', [])).id;
    adminUi = await browser.newUser({ refreshToken: admin.refreshToken, width: 1280, height: 1000 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('an admin watches the sockets and messages per second move while someone else chats', async () => {
    const page = adminUi.page;
    await page.goto(`${server.baseUrl}/admin/monitoring`);
    await page.getByRole('heading', { level: 1, name: 'Monitoring' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    const socketsBefore = await waitForTile(page, 'sockets', (value) => Number.isFinite(value));
    expect(await tileNumber(page, 'messages-per-second')).toBe(0);

    const chatter = await connectChat(server.baseUrl, member);
    try {
      await waitForTile(page, 'sockets', (value) => value === socketsBefore + 1);

      // About 4 messages a second for 5 seconds (under the rate limit), watched while they go.
      const sending = (async () => {
        for (let index = 1; index <= 20; index++) {
          const ack = await sendMessage(chatter, channelId, `load ${index}`, `load-${index}`);
          expect(ack.ok).toBe(true);
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      })();
      const rate = await waitForTile(page, 'messages-per-second', (value) => value > 0);
      await sending;
      expect(rate).toBeGreaterThan(0);
      await waitForTile(page, 'messages-stored', (value) => value >= 20);
      // The connect shows in the activity log, with who it was.
      await page.getByTestId('activity').getByText(`@${member.user.username}`).first().waitFor();
    } finally {
      chatter.close();
    }
    await waitForTile(page, 'sockets', (value) => value === socketsBefore);
    // Three charts are drawn.
    await expect(page.locator('sc-line-chart canvas').count()).resolves.toBe(3);
  });

  it('the message tester sends probes and shows the round-trip distribution', async () => {
    const page = adminUi.page;
    // From the keyboard: type the number, Enter starts.
    const count = page.getByRole('spinbutton', { name: 'Number of messages' });
    await count.fill('8');
    await count.press('Enter');
    const result = page.getByTestId('tester-result');
    await result.waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('tester-status').innerText()).resolves.toContain(
      'Sent 8 of 8 · acknowledged 8 · received 8',
    );
    await expect(page.getByTestId('tester-lost').innerText()).resolves.toBe('0');
    await expect(result.locator('sc-histogram-chart canvas').count()).resolves.toBe(1);
    const roundTrip = result.getByRole('row', { name: /round-trip/i });
    await expect(roundTrip.getByRole('cell').last().innerText()).resolves.toBe('8');

    // For the README: tall enough to show the tester's result under the live numbers.
    await page.setViewportSize({ width: 1280, height: 1650 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(1_200); // one more snapshot, charts redrawn at the new size
    await screenshot(page, 'monitoring');
    await page.setViewportSize({ width: 1280, height: 1000 });
  });

  it('the round-trips a chatting browser measured reach the dashboard (client-stats, every 30 s)', async () => {
    const chatting = await browser.newUser({ refreshToken: await newRefreshToken(server.baseUrl, member) });
    try {
      await chatting.page.goto(`${server.baseUrl}/c/${channelId}`);
      await chatting.page.getByRole('heading', { level: 1, name: 'load' }).waitFor();
      const composer = chatting.page.getByRole('textbox', { name: /^message/i });
      for (const text of ['first measured send', 'second measured send', 'third measured send']) {
        await composer.fill(text);
        await composer.press('Enter');
        await chatting.page.locator('sc-message').filter({ hasText: text }).waitFor();
      }
      // The browser reports within 30 s; the latency table counts the samples of the last minute.
      const clientRow = adminUi.page
        .getByTestId('latency-table')
        .getByRole('row', { name: /client round-trip/i });
      const samples = clientRow.getByRole('cell').last();
      const deadline = Date.now() + 45_000;
      let count = 0;
      while (Date.now() < deadline && count < 3) {
        count = Number((await samples.innerText()).replace(/\D/g, '') || 0);
        if (count < 3) await adminUi.page.waitForTimeout(1_000);
      }
      expect(count).toBeGreaterThanOrEqual(3);
      await expect(clientRow.getByRole('cell').first().innerText()).resolves.toMatch(/\d ms$/);
      expect(chatting.errors).toEqual([]);
    } finally {
      await chatting.context.close();
    }
  }, 90_000);

  it('fits a 360 px wide screen without sideways scrolling (wide tables scroll inside their box)', async () => {
    const page = adminUi.page;
    await page.setViewportSize({ width: 360, height: 740 });
    await page.waitForTimeout(300);
    const [scrollWidth, clientWidth] = await page.evaluate(() => [
      document.documentElement.scrollWidth,
      document.documentElement.clientWidth,
    ]);
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    await expect(page.locator('[data-metric="sockets"]').isVisible()).resolves.toBe(true);
    await page.setViewportSize({ width: 1280, height: 1000 });
  });

  it('logs no browser errors on the dashboard', () => {
    expect(adminUi.errors).toEqual([]);
  });

  it('a member does not get the dashboard: sent home, and the server refuses /monitor', async () => {
    const memberUi = await browser.newUser({ refreshToken: member.refreshToken });
    await memberUi.page.goto(`${server.baseUrl}/admin/monitoring`);
    await memberUi.page.getByRole('heading', { name: /^channels$/i }).waitFor();
    expect(new URL(memberUi.page.url()).pathname).toBe('/');
    await expect(memberUi.page.locator('[data-metric]').count()).resolves.toBe(0);
    await expect(memberUi.page.getByRole('link', { name: 'Monitoring' }).count()).resolves.toBe(0);
    await memberUi.context.close();

    // The guard is a convenience; the handshake is the protection.
    await expect(monitorHandshake(server.baseUrl, member.accessToken)).resolves.toBe('FORBIDDEN');
    await expect(monitorHandshake(server.baseUrl, admin.accessToken)).resolves.toBe('connected');
  });
});
