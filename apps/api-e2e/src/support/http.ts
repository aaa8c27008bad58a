import type { AuthResponse, ErrorBody } from '@supchat/contracts';

export interface JsonResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** A JSON request to the server; the body is parsed when there is one. */
export async function request<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  options: { body?: unknown; rawBody?: string; token?: string; headers?: Record<string, string> } = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined || options.rawBody !== undefined)
    headers['content-type'] = 'application/json';
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  let body: unknown = text;
  if (text && response.headers.get('content-type')?.includes('application/json')) body = JSON.parse(text);
  return { status: response.status, headers: response.headers, body: body as T };
}

let userCounter = 0;

export interface TestUser {
  email: string;
  username: string;
  password: string;
}

/** A fresh, valid registration. */
export function newUser(prefix = 'user'): TestUser {
  userCounter += 1;
  const suffix = `${process.pid}${userCounter}${Math.floor(Math.random() * 1e6)}`;
  return {
    email: `${prefix}.${suffix}@example.com`,
    username: `${prefix}_${suffix}`.slice(0, 32),
    password: 'correct horse battery staple',
  };
}

export async function register(
  baseUrl: string,
  user: TestUser = newUser(),
): Promise<AuthResponse & { input: TestUser }> {
  const response = await request<AuthResponse>(baseUrl, 'POST', '/api/auth/register', { body: user });
  if (response.status !== 201)
    throw new Error(`register failed: ${response.status} ${JSON.stringify(response.body)}`);
  return { ...response.body, input: user };
}

export function expectError(response: JsonResponse, status: number, code: ErrorBody['code']): ErrorBody {
  expect(response.status).toBe(status);
  const body = response.body as ErrorBody;
  expect(body).toMatchObject({ statusCode: status, code });
  expect(typeof body.message).toBe('string');
  expect(typeof body.requestId).toBe('string');
  expect(JSON.stringify(body)).not.toMatch(/at .+\.(m?js|ts):\d+/);
  return body;
}
