import { HttpErrorResponse } from '@angular/common/http';
import type { ErrorBody } from '@supchat/contracts';
import { describeApiError } from './api-error';

function httpError(status: number, body: unknown): HttpErrorResponse {
  return new HttpErrorResponse({ status, error: body, url: '/api/auth/register' });
}

function errorBody(body: Omit<ErrorBody, 'requestId'>): ErrorBody {
  return { ...body, requestId: 'req-42' };
}

const labels = { email: 'Email', username: 'Username', password: 'Password' };

describe('describeApiError', () => {
  it('puts validation issues under their fields, with the field label', () => {
    const view = describeApiError(
      httpError(
        400,
        errorBody({
          statusCode: 400,
          code: 'VALIDATION_FAILED',
          message: 'Invalid input: password: must be at least 8 characters',
          details: {
            fields: [
              { path: 'password', message: 'must be at least 8 characters' },
              { path: 'password', message: 'a second issue on the same field is not shown' },
              { path: 'username', message: 'may contain only letters, digits, "_", "." and "-"' },
            ],
          },
        }),
      ),
      { fieldLabels: labels },
    );

    expect(view.fieldErrors).toEqual({
      password: 'Password must be at least 8 characters',
      username: 'Username may contain only letters, digits, "_", "." and "-"',
    });
    expect(view.message).toBe('Please correct the highlighted fields.');
    expect(view.code).toBe('VALIDATION_FAILED');
    expect(view.status).toBe(400);
  });

  it('reports issues on fields the form does not show in the general message', () => {
    const view = describeApiError(
      httpError(
        400,
        errorBody({
          statusCode: 400,
          code: 'VALIDATION_FAILED',
          message: 'Invalid input',
          details: {
            fields: [
              { path: 'email', message: 'must be a valid email address' },
              { path: 'nickname', message: 'unknown field' },
            ],
          },
        }),
      ),
      { fieldLabels: labels },
    );

    expect(view.fieldErrors).toEqual({ email: 'Email must be a valid email address' });
    expect(view.message).toBe('Please correct the form: nickname: unknown field.');
  });

  it('without field labels, keeps the server message for the banner', () => {
    const view = describeApiError(
      httpError(
        400,
        errorBody({
          statusCode: 400,
          code: 'VALIDATION_FAILED',
          message: 'Invalid input: password: must be at least 8 characters',
          details: { fields: [{ path: 'password', message: 'must be at least 8 characters' }] },
        }),
      ),
    );
    expect(view.fieldErrors).toEqual({});
    expect(view.message).toBe('Invalid input: password: must be at least 8 characters');
  });

  it('says how long to wait when rate limited', () => {
    const view = describeApiError(
      httpError(
        429,
        errorBody({
          statusCode: 429,
          code: 'RATE_LIMITED',
          message: 'Too many failed login attempts, try again later',
          details: { retryAfterMs: 12_345 },
        }),
      ),
    );
    expect(view.message).toBe('Too many failed login attempts, try again in 13 s');
    expect(view.retryAfterMs).toBe(12_345);
    expect(view.code).toBe('RATE_LIMITED');
  });

  it('adds the wait to other rate-limit messages', () => {
    const view = describeApiError(
      httpError(
        429,
        errorBody({
          statusCode: 429,
          code: 'RATE_LIMITED',
          message: 'Too many requests, slow down',
          details: { retryAfterMs: 400 },
        }),
      ),
    );
    expect(view.message).toBe('Too many requests, slow down Please try again in 1 s.');
  });

  it('puts a conflict on the field it names', () => {
    const view = describeApiError(
      httpError(
        409,
        errorBody({
          statusCode: 409,
          code: 'CONFLICT',
          message: 'That username is already registered',
          details: { field: 'username' },
        }),
      ),
      { fieldLabels: labels },
    );
    expect(view.fieldErrors).toEqual({ username: 'That username is already registered' });
    expect(view.message).toBe('That username is already registered');
  });

  it('shows the server message of an UNAUTHORIZED error', () => {
    const view = describeApiError(
      httpError(
        401,
        errorBody({ statusCode: 401, code: 'UNAUTHORIZED', message: 'Invalid email or password' }),
      ),
    );
    expect(view).toEqual({
      message: 'Invalid email or password',
      fieldErrors: {},
      code: 'UNAUTHORIZED',
      status: 401,
      retryAfterMs: null,
    });
  });

  it('gives the request id of a server error, not its internals', () => {
    const view = describeApiError(
      httpError(500, errorBody({ statusCode: 500, code: 'INTERNAL', message: 'Internal server error' })),
    );
    expect(view.message).toBe('Something went wrong on the server. Please try again (request id req-42).');
  });

  it('explains an unreachable server', () => {
    const view = describeApiError(new HttpErrorResponse({ status: 0, error: new ProgressEvent('error') }));
    expect(view.message).toBe('Cannot reach the server. Check your connection and try again.');
    expect(view.code).toBeNull();
  });

  it('falls back on the status when the body is not an ErrorBody (a proxy error page)', () => {
    expect(describeApiError(httpError(502, '<html>Bad Gateway</html>')).message).toBe(
      'The server had a problem. Please try again.',
    );
    expect(describeApiError(httpError(429, null)).message).toBe(
      'Too many requests. Please wait a moment and try again.',
    );
  });

  it('handles errors that are not HTTP errors', () => {
    expect(describeApiError(new TypeError('boom')).message).toBe('Something went wrong. Please try again.');
  });
});
