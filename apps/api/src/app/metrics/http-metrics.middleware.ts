import type { NextFunction, Request, Response } from 'express';
import type { MetricsService } from './metrics.service';

/**
 * Times every HTTP request into `supchat_http_request_duration_seconds` by method, route template
 * (`/api/channels/:id`, never the raw URL) and status. Requests no route matched (the SPA's files,
 * unknown paths) share one label.
 */
export function httpMetricsMiddleware(metrics: MetricsService) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const stop = metrics.httpDuration.startTimer();
    response.once('finish', () => {
      stop({ method: request.method, route: routeTemplate(request), status: String(response.statusCode) });
    });
    next();
  };
}

/** The matched route's template, or `unmatched`. */
export function routeTemplate(request: Request): string {
  const path: unknown = (request.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${request.baseUrl}${path}` : 'unmatched';
}
