import type { ApiServer } from '@supchat/testing';
import { startApiServer } from '@supchat/testing';
import type { TestBrowser } from './support/browser';
import { launchBrowser } from './support/browser';

describe('signing up and in, in Chromium', () => {
  let server: ApiServer;
  let browser: TestBrowser;

  beforeAll(async () => {
    server = await startApiServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('registers, keeps the session across a reload, signs out and back in', async () => {
    const { page, errors } = await browser.newUser();
    await page.goto(`${server.baseUrl}/`);
    await page.waitForURL(/\/login/);
    await page.getByRole('link', { name: /create an account/i }).click();
    await page.getByLabel(/^email/i).fill('ada@example.com');
    await page.getByLabel(/^username/i).fill('ada');
    await page.getByLabel(/^password/i).fill('correct horse battery');
    await page.getByRole('button', { name: /create account/i }).click();
    await page.waitForURL(`${server.baseUrl}/`);

    await page.reload();
    await page.waitForURL(`${server.baseUrl}/`);
    await page.getByRole('button', { name: /sign out/i }).click();
    await page.waitForURL(/\/login/);

    await page.getByLabel(/^email/i).fill('ada@example.com');
    await page.getByLabel(/^password/i).fill('correct horse battery');
    await page.getByRole('button', { name: /^sign in/i }).click();
    await page.waitForURL(`${server.baseUrl}/`);
    expect(errors).toEqual([]);
  });
});
