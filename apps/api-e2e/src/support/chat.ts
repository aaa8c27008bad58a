import type { Channel, Message } from '@supchat/contracts';
import type { AuthResponse } from '@supchat/contracts';
import { register, request } from './http';

export type Session = AuthResponse & { input: { email: string; username: string; password: string } };

/** Registers `count` users. */
export async function users(baseUrl: string, count: number): Promise<Session[]> {
  const sessions: Session[] = [];
  for (let index = 0; index < count; index += 1) sessions.push(await register(baseUrl));
  return sessions;
}

let channelCounter = 0;

/** Creates a channel owned by `owner` with `members` invited; returns it. */
export async function channel(
  baseUrl: string,
  owner: Session,
  members: Session[] = [],
  type: 'public' | 'private' = 'public',
): Promise<Channel> {
  channelCounter += 1;
  const response = await request<Channel>(baseUrl, 'POST', '/api/channels', {
    token: owner.accessToken,
    body: {
      name: `room-${process.pid}-${Date.now()}-${channelCounter}`,
      type,
      memberIds: members.map((m) => m.user.id),
    },
  });
  if (response.status !== 201) throw new Error(`create channel failed: ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Posts a message over REST. */
export async function post(
  baseUrl: string,
  author: Session,
  channelId: string,
  content: string,
): Promise<Message> {
  const response = await request<Message>(baseUrl, 'POST', `/api/channels/${channelId}/messages`, {
    token: author.accessToken,
    body: { content },
  });
  if (response.status !== 201)
    throw new Error(`post failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Every message of a channel in its latest version, from the changes feed. */
export async function allMessages(baseUrl: string, session: Session, channelId: string): Promise<Message[]> {
  const byId = new Map<string, Message>();
  let sinceRev = 0;
  for (;;) {
    const page = await request<{ messages: Message[]; lastRev: number; hasMore: boolean }>(
      baseUrl,
      'GET',
      `/api/channels/${channelId}/changes?sinceRev=${sinceRev}&limit=500`,
      { token: session.accessToken },
    );
    if (page.status !== 200) throw new Error(`changes failed: ${JSON.stringify(page.body)}`);
    for (const message of page.body.messages) byId.set(message.id, message);
    sinceRev = page.body.lastRev;
    if (!page.body.hasMore) break;
  }
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}
