import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import type { Logger as PinoLogger } from 'pino';
import { AppModule } from './app.module';
import { requestIdMiddleware } from './common/request-context';
import { httpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { MetricsService } from './metrics/metrics.service';
import type { AppConfig } from './config/app-config';
import { setupOpenApi } from './openapi/openapi.setup';
import { SupchatIoAdapter } from './realtime/socket-io.adapter';
import { serveWebApp } from './web-app';

/** Builds the whole server (HTTP API, Socket.IO, the SPA) without listening yet. */
export async function createApp(config: AppConfig, rootLogger: PinoLogger): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, rootLogger), {
    bufferLogs: true,
    bodyParser: false,
  });
  const logger = app.get(Logger);
  app.useLogger(logger);
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use(requestIdMiddleware);
  app.use(httpMetricsMiddleware(app.get(MetricsService)));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // Self-hosted installs often run on plain http inside a LAN: do not force https.
          upgradeInsecureRequests: null,
          'connect-src': ["'self'", 'ws:', 'wss:'],
          'img-src': ["'self'", 'data:', 'https:'],
        },
      },
      // Plain-http installs must not be pinned to https by a stray header.
      strictTransportSecurity: config.publicUrl.startsWith('https:'),
    }),
  );
  app.enableCors({
    origin: config.corsOrigins,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
    exposedHeaders: ['X-Request-Id', 'Retry-After'],
    maxAge: 600,
  });
  app.useBodyParser('json', { limit: config.httpBodyLimitBytes });
  app.setGlobalPrefix('api', {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
    ],
  });
  setupOpenApi(app, config);
  app.useWebSocketAdapter(new SupchatIoAdapter(app, config));
  serveWebApp(app, config.webDistPath, logger);
  app.enableShutdownHooks();
  return app;
}
