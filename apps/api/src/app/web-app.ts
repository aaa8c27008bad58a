import type { LoggerService } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Paths the server owns; everything else that asks for HTML gets the SPA. */
const SERVER_PATHS = /^\/(api|health|metrics|socket\.io)(\/|$)/;
/** Angular's build puts a content hash in every bundle name, so those can be cached for good. */
const HASHED_ASSET = /-[A-Z0-9]{8}\.(js|css)$/;

/** Serves the built Angular SPA from `webDistPath`, with index.html for the client-side routes. */
export function serveWebApp(app: NestExpressApplication, webDistPath: string, logger: LoggerService): void {
  const indexHtml = join(webDistPath, 'index.html');
  if (!existsSync(indexHtml)) {
    logger.warn(`No web app at ${webDistPath} (run "npx nx build web"); serving the API only`, 'WebApp');
    return;
  }
  app.useStaticAssets(webDistPath, {
    index: false,
    setHeaders: (response: Response, path: string) => {
      response.setHeader(
        'Cache-Control',
        HASHED_ASSET.test(path)
          ? 'public, max-age=31536000, immutable'
          : 'public, max-age=0, must-revalidate',
      );
    },
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || SERVER_PATHS.test(request.path)) {
      next();
      return;
    }
    if (!request.accepts('html')) {
      next();
      return;
    }
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(indexHtml);
  });
}
