import type { Channel } from '@supchat/contracts';
import type { ApiServer, RedisTestServer, RunningNginx } from '@supchat/testing';
import { startApiServer, startNginx, startRedisServer } from '@supchat/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Person } from './support/api';
import { createChannel, registerPerson } from './support/api';
import type { TestBrowser, UserPage } from './support/browser';
import { launchBrowser } from './support/browser';

/** How many rows of the timeline hold exactly this text. */
function rowsWith(page: Page, text: string) {
  return page.locator('sc-message').filter({ hasText: text });
}

async function send(page: Page, text: string): Promise<void> {
  const composer = page.getByRole('textbox', { name: /^message/i });
  await composer.fill(text);
  await composer.press('Enter');
}

/** Resolves once `read` returns `expected` (compared as JSON); fails with the last value after `timeoutMs`. */
async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (JSON.stringify(last) !== JSON.stringify(expected) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    last = await read();
  }
  expect(last).toEqual(expected);
}

/** supchat_sockets_connected of one instance, read from it directly (nginx hides /metrics). */
async function socketsOn(server: ApiServer): Promise<number> {
  const text = await (await fetch(`${server.baseUrl}/metrics`)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith('supchat_sockets_connected'));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

/**
 * The deployment as shipped, minus Docker: two API instances on one database and one Redis, behind
 * docker/nginx/nginx.conf serving the built SPA, and two people in Chromium.
 */
describe('two instances behind nginx, in Chromium', () => {
  let redis: RedisTestServer;
  const servers: ApiServer[] = [];
  let nginx: RunningNginx;
  let browser: TestBrowser;
  let alice: Person;
  let bob: Person;
  let general: Channel;
  let aliceUi: UserPage;
  let bobUi: UserPage;
  const dataDir = mkdtempSync(join(tmpdir(), 'supchat-web-scale-'));

  beforeAll(async () => {
    redis = await startRedisServer();
    const env = { REDIS_URL: redis.url, SQLITE_PATH: join(dataDir, 'supchat.db'), TRUST_PROXY: '1' };
    servers.push(await startApiServer({ env })); // applies the migrations first
    servers.push(await startApiServer({ env }));
    nginx = await startNginx(
      servers.map((server) => server.port),
      { site: join(process.cwd(), 'dist/apps/web/browser') },
    );
    browser = await launchBrowser();
    alice = await registerPerson(nginx.url, 'alice', 'Alice Martin');
    bob = await registerPerson(nginx.url, 'bob', 'Bob Durand');
    general = await createChannel(nginx.url, alice, 'general', [bob]);
    for (const person of [alice, bob]) {
      const ui = await browser.newUser({ refreshToken: person.refreshToken });
      await ui.page.goto(`${nginx.url}/c/${general.id}`);
      await ui.page.getByRole('heading', { level: 1, name: general.name }).waitFor();
      if (person === alice) aliceUi = ui;
      else bobUi = ui;
    }
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await nginx?.stop();
    await Promise.all(servers.map((server) => server.stop('SIGKILL')));
    await redis?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is one chat whichever instance each browser landed on', async () => {
    await eventually(async () => (await Promise.all(servers.map(socketsOn))).reduce((a, b) => a + b), 2);
    await send(aliceUi.page, 'Hello from behind nginx');
    await rowsWith(bobUi.page, 'Hello from behind nginx').waitFor();
    await send(bobUi.page, 'Hello back');
    await rowsWith(aliceUi.page, 'Hello back').waitFor();
  });

  it('carries on when the instance of one of them is killed: nothing lost, nothing shown twice', async () => {
    // The instance holding the most of the two sockets (least_conn may have put both on one).
    const counts = await Promise.all(servers.map(socketsOn));
    const victim = servers[counts[0] >= counts[1] ? 0 : 1];
    const survivor = servers[counts[0] >= counts[1] ? 1 : 0];
    victim.process.kill('SIGKILL');
    // Straight away, before either browser has noticed: their outboxes keep these until acknowledged.
    await send(aliceUi.page, 'Sent while an instance died');
    await send(bobUi.page, 'And this one too');
    for (const ui of [aliceUi, bobUi]) {
      for (const text of ['Sent while an instance died', 'And this one too']) {
        await rowsWith(ui.page, text).first().waitFor({ timeout: 30_000 });
      }
    }
    // Both browsers are on the survivor now.
    await eventually(() => socketsOn(survivor), 2, 15_000);
    for (const ui of [aliceUi, bobUi]) {
      // Nothing left pending or failed in the outbox, and each message shown once.
      await eventually(() => ui.page.locator('sc-message.pending, sc-message.failed').count(), 0);
      for (const text of [
        'Hello from behind nginx',
        'Hello back',
        'Sent while an instance died',
        'And this one too',
      ]) {
        expect(await rowsWith(ui.page, text).count()).toBe(1);
      }
    }
    // A fresh load shows the same conversation.
    await bobUi.page.reload();
    await rowsWith(bobUi.page, 'And this one too').waitFor();
    expect(await bobUi.page.locator('sc-message').count()).toBe(4);
    expect(aliceUi.errors.filter((error) => !/WebSocket|ERR_CONNECTION|502|503/.test(error))).toEqual([]);
  });
});
