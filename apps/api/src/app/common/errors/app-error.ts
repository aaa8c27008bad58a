import type { ErrorCode, ErrorDetails, FieldIssue } from '@supchat/contracts';

/**
 * A domain error: it carries a contract error code and knows nothing of HTTP or sockets.
 * The HTTP exception filter and the WebSocket filter translate it.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = 'AppError';
  }

  static unauthorized(message = 'Authentication required'): AppError {
    return new AppError('UNAUTHORIZED', message);
  }

  static forbidden(message = 'You are not allowed to do that'): AppError {
    return new AppError('FORBIDDEN', message);
  }

  static notFound(what: string): AppError {
    return new AppError('NOT_FOUND', `${what} not found`);
  }

  static conflict(message: string, details?: ErrorDetails): AppError {
    return new AppError('CONFLICT', message, details);
  }

  static rateLimited(retryAfterMs: number, message = 'Too many requests, slow down'): AppError {
    return new AppError('RATE_LIMITED', message, { retryAfterMs: Math.max(0, Math.ceil(retryAfterMs)) });
  }

  static validation(issues: FieldIssue[]): AppError {
    const summary = issues
      .slice(0, 5)
      .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
      .join('; ');
    return new AppError('VALIDATION_FAILED', `Invalid input: ${summary}`, { fields: issues });
  }
}
