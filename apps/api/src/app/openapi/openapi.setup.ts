import type { NestExpressApplication } from '@nestjs/platform-express';
import type { OpenAPIObject } from '@nestjs/swagger';
import { SwaggerModule } from '@nestjs/swagger';
import { REST_ROUTES } from '@supchat/contracts';
import type { AppConfig } from '../config/app-config';
import { buildOpenApiDocument } from './openapi-document';

/** Public URLs of the document and of Swagger UI (absolute: Nest's global prefix does not apply). */
export const OPENAPI_JSON_PATH = '/api/openapi.json';
export const SWAGGER_UI_PATH = '/api/docs';

/**
 * Serves the OpenAPI document at /api/openapi.json and Swagger UI at /api/docs, both public.
 * Call it before the app is initialised, so these routes come before Nest's not-found handler.
 *
 * Swagger UI fits the strict CSP (`script-src 'self'`): @nestjs/swagger's page loads only external
 * scripts (swagger-ui-dist's bundles and a generated `swagger-ui-init.js` that carries the document);
 * its inline `<style>` is allowed by `style-src 'unsafe-inline'`.
 */
export function setupOpenApi(app: NestExpressApplication, config: AppConfig): void {
  const document = buildOpenApiDocument(REST_ROUTES, undefined, [
    { url: config.publicUrl, description: 'This server' },
  ]);
  // @nestjs/swagger types the document with its own (3.0-flavoured) interfaces; this one is OpenAPI 3.1.
  SwaggerModule.setup(SWAGGER_UI_PATH, app, document as unknown as OpenAPIObject, {
    useGlobalPrefix: false,
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    raw: ['json'],
    customSiteTitle: 'SUPCHAT API',
    swaggerOptions: {
      // The default validator badge would send the document to validator.swagger.io.
      validatorUrl: null,
      displayRequestDuration: true,
    },
  });
}
