import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../config/config.schema';
import { OPENAPI_JSON_PATH, setupOpenApi, SWAGGER_UI_PATH } from './openapi.setup';

@Module({})
class EmptyModule {}

/** The tags of one kind in an HTML page, with their attributes. */
function tagsOf(html: string, tag: 'script' | 'link'): { attributes: string; body: string }[] {
  const pattern = tag === 'script' ? /<script\b([^>]*)>([\s\S]*?)<\/script>/gi : /<link\b([^>]*?)\/?>()/gi;
  return [...html.matchAll(pattern)].map((match) => ({ attributes: match[1] ?? '', body: match[2] ?? '' }));
}

function attribute(attributes: string, name: string): string | undefined {
  return new RegExp(`\\b${name}=["']([^"']*)["']`, 'i').exec(attributes)?.[1];
}

describe('setupOpenApi', () => {
  let app: NestExpressApplication;
  let baseUrl: string;

  beforeAll(async () => {
    const { config } = loadConfig({ PUBLIC_URL: 'https://chat.example.test', JWT_SECRET: 'x'.repeat(32) });
    app = await NestFactory.create<NestExpressApplication>(EmptyModule, { logger: false });
    // The same global prefix as the real app: the documentation URLs must not get it twice.
    app.setGlobalPrefix('api');
    setupOpenApi(app, config);
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(() => app.close());

  it('serves the document at /api/openapi.json with the public URL as its server', async () => {
    expect(OPENAPI_JSON_PATH).toBe('/api/openapi.json');
    const response = await fetch(`${baseUrl}/api/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const document = (await response.json()) as { openapi: string; servers: { url: string }[] };
    expect(document.openapi).toBe('3.1.0');
    expect(document.servers[0]?.url).toBe('https://chat.example.test');
  });

  it('serves Swagger UI at /api/docs with external scripts only, all of which load', async () => {
    expect(SWAGGER_UI_PATH).toBe('/api/docs');
    const page = `${baseUrl}/api/docs`;
    const response = await fetch(page);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();

    const scripts = tagsOf(html, 'script');
    expect(scripts.length).toBeGreaterThanOrEqual(3);
    for (const script of scripts) {
      expect(script.body.trim()).toBe('');
      const src = attribute(script.attributes, 'src');
      expect(src).toBeDefined();
      const asset = await fetch(new URL(src ?? '', page));
      expect([src, asset.status]).toEqual([src, 200]);
      expect(asset.headers.get('content-type')).toContain('javascript');
    }
    const stylesheets = tagsOf(html, 'link').filter(
      (link) => attribute(link.attributes, 'rel') === 'stylesheet',
    );
    expect(stylesheets).toHaveLength(1);
    const css = await fetch(new URL(attribute(stylesheets[0]?.attributes ?? '', 'href') ?? '', page));
    expect(css.status).toBe(200);

    const init = await (await fetch(`${page}/swagger-ui-init.js`)).text();
    expect(init).toContain('"openapi": "3.1.0"');
    expect(init).toContain('"validatorUrl": null');
  });

  it('serves nothing else: no YAML copy, no unprefixed or doubly prefixed paths', async () => {
    for (const path of [
      '/api/docs-yaml',
      '/docs',
      '/openapi.json',
      '/api/api/docs',
      '/api/api/openapi.json',
    ]) {
      const response = await fetch(`${baseUrl}${path}`);
      expect([path, response.status]).toEqual([path, 404]);
    }
  });
});
