import { HttpErrorResponse } from '@angular/common/http';
import type { ErrorBody, ErrorCode, FieldIssue } from '@supchat/contracts';

/** An API failure as the UI shows it: one sentence for a banner plus messages keyed by form field. */
export interface ApiErrorView {
  /** For a banner: always set, even when every problem is also listed per field. */
  message: string;
  /** Field name (the contract's dotted path) to message. */
  fieldErrors: Record<string, string>;
  code: ErrorCode | null;
  status: number;
  /** For RATE_LIMITED: how long to wait. */
  retryAfterMs: number | null;
}

export interface DescribeApiErrorOptions {
  /**
   * Labels of the fields the form shows, by contract path. Server messages for these fields become
   * "Label message" ('Password must be at least 8 characters'); issues on other paths go to `message`.
   */
  fieldLabels?: Readonly<Record<string, string>>;
}

const STATUS_MESSAGES: Readonly<Record<number, string>> = {
  0: 'Cannot reach the server. Check your connection and try again.',
  401: 'Your session has ended. Please sign in again.',
  403: 'You are not allowed to do that.',
  404: 'Not found.',
  413: 'That is too large to send.',
  429: 'Too many requests. Please wait a moment and try again.',
};

/** Maps an HTTP error carrying the contract's ErrorBody (or anything else thrown) to what the UI shows. */
export function describeApiError(error: unknown, options: DescribeApiErrorOptions = {}): ApiErrorView {
  if (!(error instanceof HttpErrorResponse)) {
    return view('Something went wrong. Please try again.', {}, null, 0, null);
  }
  const body = asErrorBody(error.error);
  const status = error.status;
  if (!body) return view(fallbackMessage(status), {}, null, status, null);

  const labels = options.fieldLabels ?? {};
  const fieldErrors: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const issue of fieldIssuesOf(body)) {
    const label = labels[issue.path];
    if (label === undefined) {
      unplaced.push(issue.path ? `${issue.path}: ${issue.message}` : issue.message);
    } else {
      fieldErrors[issue.path] ??= withLabel(label, issue.message);
    }
  }

  const retryAfterMs = numberOr(body.details?.['retryAfterMs'], null);
  let message: string;
  if (body.code === 'RATE_LIMITED') {
    message = rateLimitMessage(body.message, retryAfterMs);
  } else if (body.code === 'VALIDATION_FAILED' && Object.keys(fieldErrors).length > 0) {
    message =
      unplaced.length > 0
        ? `Please correct the form: ${unplaced.join('; ')}.`
        : 'Please correct the highlighted fields.';
  } else if (body.code === 'INTERNAL' || status >= 500) {
    message = `Something went wrong on the server. Please try again (request id ${body.requestId}).`;
  } else {
    message = sentence(body.message);
  }
  return view(message, fieldErrors, body.code, status, retryAfterMs);
}

/** The field issues of a VALIDATION_FAILED body, or the field a CONFLICT names ('That email is already registered'). */
function fieldIssuesOf(body: ErrorBody): FieldIssue[] {
  const fields = body.details?.['fields'];
  if (Array.isArray(fields)) {
    return fields.filter(
      (issue): issue is FieldIssue =>
        typeof issue === 'object' &&
        issue !== null &&
        typeof (issue as FieldIssue).path === 'string' &&
        typeof (issue as FieldIssue).message === 'string',
    );
  }
  const field = body.details?.['field'];
  if (body.code === 'CONFLICT' && typeof field === 'string') {
    return [{ path: field, message: sentence(body.message) }];
  }
  return [];
}

function rateLimitMessage(serverMessage: string, retryAfterMs: number | null): string {
  if (retryAfterMs === null) return sentence(serverMessage);
  const wait = `try again in ${Math.max(1, Math.ceil(retryAfterMs / 1000))} s`;
  // The server says '..., try again later'; say when instead.
  const rewritten = serverMessage.replace(/try again later\.?$/i, wait);
  return rewritten === serverMessage ? `${sentence(serverMessage)} Please ${wait}.` : rewritten;
}

function asErrorBody(value: unknown): ErrorBody | null {
  if (typeof value !== 'object' || value === null) return null;
  const candidate = value as Partial<ErrorBody>;
  if (typeof candidate.code !== 'string' || typeof candidate.message !== 'string') return null;
  return {
    statusCode: numberOr(candidate.statusCode, 0),
    code: candidate.code,
    message: candidate.message,
    details:
      typeof candidate.details === 'object' && candidate.details !== null ? candidate.details : undefined,
    requestId: typeof candidate.requestId === 'string' ? candidate.requestId : 'unknown',
  };
}

function fallbackMessage(status: number): string {
  return (
    STATUS_MESSAGES[status] ??
    (status >= 500
      ? 'The server had a problem. Please try again.'
      : 'Something went wrong. Please try again.')
  );
}

/** 'Password' + 'must be at least 8 characters' -> 'Password must be at least 8 characters'. */
function withLabel(label: string, message: string): string {
  return /^[a-z]/.test(message) ? `${label} ${message}` : message;
}

function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

function numberOr<T>(value: unknown, fallback: T): number | T {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function view(
  message: string,
  fieldErrors: Record<string, string>,
  code: ErrorCode | null,
  status: number,
  retryAfterMs: number | null,
): ApiErrorView {
  return { message, fieldErrors, code, status, retryAfterMs };
}
