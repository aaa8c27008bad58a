/** SUPCHAT's REST API as the load tool uses it (DESIGN section 2), with fetch. */
import type { AuthResponse, Channel, MessagePage } from '@supchat/contracts';

export class RestError extends Error {
  override name = 'RestError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class RestClient {
  constructor(private readonly baseUrl: string) {}

  async request<T>(
    method: string,
    path: string,
    options: { token?: string | null; body?: unknown } = {},
  ): Promise<T> {
    const headers: Record<string, string> = {};
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      throw new RestError(0, cause ?? 'NETWORK', `${method} ${path}: ${(error as Error).message}`);
    }
    const text = await response.text();
    if (!response.ok) {
      let code = `HTTP_${response.status}`;
      let message = text.slice(0, 200);
      try {
        const body = JSON.parse(text) as { code?: string; message?: string };
        code = body.code ?? code;
        message = body.message ?? message;
      } catch {
        // Not JSON: keep the raw text.
      }
      throw new RestError(response.status, code, `${method} ${path}: ${response.status} ${code} ${message}`);
    }
    return (text ? JSON.parse(text) : null) as T;
  }

  register(username: string, password: string): Promise<AuthResponse> {
    return this.request('POST', '/api/auth/register', {
      body: { email: `${username}@load.test`, username, password },
    });
  }

  createChannel(token: string, name: string, memberIds: readonly string[]): Promise<Channel> {
    return this.request('POST', '/api/channels', {
      token,
      body: { name, type: 'private', memberIds },
    });
  }

  addMember(token: string, channelId: string, userId: string): Promise<unknown> {
    return this.request('POST', `/api/channels/${channelId}/members`, { token, body: { userId } });
  }

  browse(token: string, query: string): Promise<Channel[]> {
    return this.request('GET', `/api/channels/browse?q=${encodeURIComponent(query)}`, { token });
  }

  join(token: string, channelId: string): Promise<Channel> {
    return this.request('POST', `/api/channels/${channelId}/join`, { token });
  }

  channel(token: string, channelId: string): Promise<Channel> {
    return this.request('GET', `/api/channels/${channelId}`, { token });
  }

  history(token: string, channelId: string, before: number, limit: number): Promise<MessagePage> {
    return this.request('GET', `/api/channels/${channelId}/messages?before=${before}&limit=${limit}`, {
      token,
    });
  }

  async metricsText(metricsToken: string | null): Promise<string> {
    const response = await fetch(`${this.baseUrl}/metrics`, {
      headers: metricsToken ? { authorization: `Bearer ${metricsToken}` } : {},
    });
    if (!response.ok)
      throw new RestError(response.status, `HTTP_${response.status}`, `GET /metrics: ${response.status}`);
    return response.text();
  }
}

/** Runs `work` over `items` with at most `concurrency` at a time; results keep the items' order. */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, lane));
  return results;
}
