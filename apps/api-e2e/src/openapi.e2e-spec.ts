import type { ErrorBody, RestRoute } from '@supchat/contracts';
import { HTTP_STATUS_BY_ERROR_CODE, REST_ROUTES } from '@supchat/contracts';
import type { ApiServer } from '@supchat/testing';
import { startApiServer } from '@supchat/testing';
import { request } from './support/http';

/** A well-formed id for `:id`-style path parameters; nothing has it. */
const SOME_ID = '0123456789abcdef01234567';

interface OpenApiDocument {
  openapi: string;
  servers?: { url: string }[];
  paths: Record<string, Record<string, { security?: unknown[] } | undefined>>;
}

const toOpenApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');
const label = (route: RestRoute) => `${route.method} ${route.path}`;

/** Attributes and content of each tag of one kind in an HTML page. */
function tagsOf(html: string, tag: 'script' | 'link'): { attributes: string; body: string }[] {
  const pattern = tag === 'script' ? /<script\b([^>]*)>([\s\S]*?)<\/script>/gi : /<link\b([^>]*?)\/?>()/gi;
  return [...html.matchAll(pattern)].map((match) => ({ attributes: match[1] ?? '', body: match[2] ?? '' }));
}

function attribute(attributes: string, name: string): string | undefined {
  return new RegExp(`\\b${name}=["']([^"']*)["']`, 'i').exec(attributes)?.[1];
}

describe('OpenAPI document and Swagger UI', () => {
  let server: ApiServer;

  beforeAll(async () => {
    server = await startApiServer();
  });

  afterAll(() => server.stop());

  it('serves /api/openapi.json without authentication, listing every route of the contract', async () => {
    const response = await request<OpenApiDocument>(server.baseUrl, 'GET', '/api/openapi.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const document = response.body;
    expect(document.openapi).toMatch(/^3\.1\./);
    expect(document.servers?.[0]?.url).toMatch(/^https?:\/\//);

    const missing = REST_ROUTES.filter(
      (route) => !document.paths[toOpenApiPath(route.path)]?.[route.method.toLowerCase()],
    ).map(label);
    expect(missing).toEqual([]);
    for (const route of REST_ROUTES) {
      const operation = document.paths[toOpenApiPath(route.path)]?.[route.method.toLowerCase()];
      expect([label(route), Boolean(operation?.security?.length)]).toEqual([
        label(route),
        route.authenticated,
      ]);
    }
    for (const probe of ['/health', '/health/live', '/health/ready']) {
      expect(document.paths[probe]?.['get']).toBeDefined();
    }
  });

  it('serves Swagger UI at /api/docs with no inline script, and every script and stylesheet loads', async () => {
    const page = `${server.baseUrl}/api/docs`;
    const response = await fetch(page, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await response.text();
    expect(html).toContain('<div id="swagger-ui">');

    const scripts = tagsOf(html, 'script');
    expect(scripts.length).toBeGreaterThanOrEqual(3);
    const stylesheets = tagsOf(html, 'link').filter(
      (link) => attribute(link.attributes, 'rel') === 'stylesheet',
    );
    expect(stylesheets.length).toBeGreaterThanOrEqual(1);
    const assets = [
      ...scripts.map((script) => {
        // script-src 'self' would block an inline script: every one must be a file.
        expect(script.body.trim()).toBe('');
        return attribute(script.attributes, 'src');
      }),
      ...stylesheets.map((link) => attribute(link.attributes, 'href')),
    ];
    for (const asset of assets) {
      expect(asset).toBeDefined();
      const url = new URL(asset ?? '', page);
      expect(url.origin).toBe(server.baseUrl);
      const loaded = await fetch(url);
      expect([url.pathname, loaded.status]).toEqual([url.pathname, 200]);
    }
  });

  describe('every route of the contract is implemented', () => {
    it.each(REST_ROUTES.map((route): [string, RestRoute] => [label(route), route]))(
      '%s is routed (401 without a token when authenticated)',
      async (_label, route) => {
        const path = route.path.replace(/:\w+/g, SOME_ID);
        const response = await request<ErrorBody>(server.baseUrl, route.method, path);
        const unmatched = response.status === 404 && /^Cannot \w+ /.test(response.body.message ?? '');
        expect({ route: label(route), unmatched }).toEqual({ route: label(route), unmatched: false });
        if (route.authenticated) {
          expect([response.status, response.body.code]).toEqual([401, 'UNAUTHORIZED']);
        } else {
          // No body: a public route rejects it with one of the errors it documents.
          const documented = route.errors.map((code) => HTTP_STATUS_BY_ERROR_CODE[code]);
          expect(documented).toContain(response.status);
        }
      },
    );
  });
});
