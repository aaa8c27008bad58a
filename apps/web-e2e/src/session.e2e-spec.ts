import type { Channel } from '@supchat/contracts';
import type { ApiServer } from '@supchat/testing';
import { startApiServer } from '@supchat/testing';
import type { Person } from './support/api';
import { createChannel, registerPerson } from './support/api';
import type { TestBrowser, UserPage } from './support/browser';
import { launchBrowser } from './support/browser';

/** Short access tokens: the server cuts a socket off when the token it holds expires. */
const ACCESS_TTL_SECONDS = 20;
/** Longer than two token lifetimes, so two cut-offs would have happened without `reauthenticate`. */
const WATCH_MS = 2 * ACCESS_TTL_SECONDS * 1000 + 6_000;

interface Watched {
  ui: UserPage;
  /** WebSocket connections the page opened. */
  sockets: string[];
}

/** Records every state the connection banner shows from now on (it says `connected` when hidden). */
async function recordBannerStates(ui: UserPage): Promise<void> {
  await ui.page.evaluate(() => {
    const banner = document.querySelector('sc-connection-banner');
    const states: string[] = [];
    (window as unknown as { bannerStates: string[] }).bannerStates = states;
    new MutationObserver(() => states.push(banner?.getAttribute('data-state') ?? 'none')).observe(
      banner as Element,
      { attributes: true, attributeFilter: ['data-state'] },
    );
  });
}

function bannerStates(ui: UserPage): Promise<string[]> {
  return ui.page.evaluate(() => (window as unknown as { bannerStates: string[] }).bannerStates);
}

describe('a session that outlives its access tokens, in Chromium', () => {
  let server: ApiServer;
  let browser: TestBrowser;
  let alice: Person;
  let bob: Person;
  let general: Channel;

  beforeAll(async () => {
    server = await startApiServer({ env: { JWT_ACCESS_TTL: `${ACCESS_TTL_SECONDS}s` } });
    browser = await launchBrowser();
    alice = await registerPerson(server.baseUrl, 'alice', 'Alice Martin');
    bob = await registerPerson(server.baseUrl, 'bob', 'Bob Durand');
    general = await createChannel(server.baseUrl, alice, 'general', [bob]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function open(person: Person): Promise<Watched> {
    const ui = await browser.newUser({ refreshToken: person.refreshToken });
    const sockets: string[] = [];
    ui.page.on('websocket', (socket) => sockets.push(socket.url()));
    await ui.page.goto(`${server.baseUrl}/c/${general.id}`);
    await ui.page.getByRole('heading', { level: 1, name: general.name }).waitFor();
    await ui.page.locator('sc-connection-banner[data-state="connected"]').waitFor({ state: 'attached' });
    await recordBannerStates(ui);
    return { ui, sockets };
  }

  it('keeps one live connection across several token lifetimes (no reconnect), and messages still flow', async () => {
    const [aliceSide, bobSide] = await Promise.all([open(alice), open(bob)]);

    await aliceSide.ui.page.waitForTimeout(WATCH_MS);

    for (const { ui, sockets } of [aliceSide, bobSide]) {
      // The banner never left `connected`, and the page never had to open a second socket.
      await expect(bannerStates(ui)).resolves.toEqual([]);
      expect(sockets).toHaveLength(1);
    }
    const composer = aliceSide.ui.page.getByRole('textbox', { name: /^message/i });
    await composer.fill('Still here after two token lifetimes');
    await composer.press('Enter');
    await bobSide.ui.page
      .locator('sc-message')
      .filter({ hasText: 'Still here after two token lifetimes' })
      .waitFor({ timeout: 5_000 });
    for (const { ui } of [aliceSide, bobSide]) expect(ui.errors).toEqual([]);
  });
});
