import type { AuthResponse, Channel } from '@supchat/contracts';

let counter = 0;

export interface Person extends AuthResponse {
  password: string;
}

async function call<T>(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} -> ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Registers a person through the API (the browser then signs in with their refresh token). */
export async function registerPerson(baseUrl: string, name: string, displayName: string): Promise<Person> {
  counter += 1;
  const password = 'correct horse battery staple';
  const auth = await call<AuthResponse>(baseUrl, 'POST', '/api/auth/register', {
    email: `${name}.${process.pid}.${counter}@example.com`,
    username: `${name}${counter}`,
    password,
    displayName,
  });
  return { ...auth, password };
}

export async function createChannel(
  baseUrl: string,
  owner: Person,
  name: string,
  members: Person[],
  topic?: string,
): Promise<Channel> {
  return call<Channel>(
    baseUrl,
    'POST',
    '/api/channels',
    { name, type: 'public', memberIds: members.map((member) => member.user.id), ...(topic ? { topic } : {}) },
    owner.accessToken,
  );
}

export async function postMessage(
  baseUrl: string,
  author: Person,
  channelId: string,
  content: string,
): Promise<void> {
  await call(baseUrl, 'POST', `/api/channels/${channelId}/messages`, { content }, author.accessToken);
}
