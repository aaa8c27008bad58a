import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import { Catch, HttpException, Logger } from '@nestjs/common';
import type { ErrorBody, ErrorCode, ErrorDetails } from '@supchat/contracts';
import { HTTP_STATUS_BY_ERROR_CODE } from '@supchat/contracts';
import type { Request, Response } from 'express';
import { routeTemplate } from '../../metrics/http-metrics.middleware';
import { MetricsService } from '../../metrics/metrics.service';
import { AppError } from './app-error';

interface NormalisedError {
  code: ErrorCode;
  message: string;
  details?: ErrorDetails;
  status: number;
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'VALIDATION_FAILED',
  429: 'RATE_LIMITED',
};

/** Errors raised by express middleware (body-parser, static files) carry `status` and `type`. */
interface MiddlewareError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
}

function fromMiddlewareError(error: MiddlewareError): NormalisedError | null {
  const status = error.status ?? error.statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500) return null;
  switch (error.type) {
    case 'entity.too.large':
      return { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'Request body is too large' };
    case 'entity.parse.failed':
      return { status: 400, code: 'VALIDATION_FAILED', message: 'Request body is not valid JSON' };
    default: {
      const code = CODE_BY_STATUS[status] ?? 'VALIDATION_FAILED';
      return { status: HTTP_STATUS_BY_ERROR_CODE[code], code, message: 'The request could not be processed' };
    }
  }
}

/**
 * The one HTTP exception filter: every error leaves as `{statusCode, code, message, details?,
 * requestId}` with a contract code; unexpected errors are logged here and never leak their stack.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  constructor(private readonly metrics: MetricsService) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const context = host.switchToHttp();
    const request = context.getRequest<Request>();
    const response = context.getResponse<Response>();
    const error = this.normalise(exception);
    this.metrics.httpError(routeTemplate(request), error.code, request.user ?? null);

    if (error.status >= 500) {
      this.logger.error({
        msg: 'request failed',
        method: request.method,
        route: routeTemplate(request),
        requestId: request.requestId,
        userId: request.user?.id,
        err: exception,
      });
    }
    if (response.headersSent) return;

    const retryAfterMs = error.details?.['retryAfterMs'];
    if (error.code === 'RATE_LIMITED' && typeof retryAfterMs === 'number') {
      response.setHeader('Retry-After', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
    }
    const body: ErrorBody = {
      statusCode: error.status,
      code: error.code,
      message: error.message,
      ...(error.details ? { details: error.details } : {}),
      requestId: request.requestId ?? 'unknown',
    };
    response.status(error.status).json(body);
  }

  private normalise(exception: unknown): NormalisedError {
    if (exception instanceof AppError) {
      return {
        status: HTTP_STATUS_BY_ERROR_CODE[exception.code],
        code: exception.code,
        message: exception.message,
        details: exception.details,
      };
    }
    if (exception instanceof HttpException) {
      const original = exception.getStatus();
      const code = CODE_BY_STATUS[original] ?? (original >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED');
      // The status always follows the contract code (a 415 leaves as 400 VALIDATION_FAILED).
      const status = HTTP_STATUS_BY_ERROR_CODE[code];
      if (code === 'PAYLOAD_TOO_LARGE') return { status, code, message: 'Request body is too large' };
      return { status, code, message: code === 'INTERNAL' ? 'Internal server error' : exception.message };
    }
    if (exception && typeof exception === 'object') {
      const fromMiddleware = fromMiddlewareError(exception as MiddlewareError);
      if (fromMiddleware) return fromMiddleware;
    }
    return { status: 500, code: 'INTERNAL', message: 'Internal server error' };
  }
}
