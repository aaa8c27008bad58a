import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  ChangesPage,
  Channel,
  ChannelMember,
  CreateChannelRequest,
  Message,
  MessageDeleted,
  MessagePage,
  PostMessageRequest,
  ReadState,
  UpdateChannelRequest,
  UserSummary,
} from '@supchat/contracts';
import type { Observable } from 'rxjs';
import { firstValueFrom } from 'rxjs';

export interface HistoryQuery {
  /** Page back from this seq (exclusive). */
  before?: number;
  /** Page forward from this seq (exclusive). */
  after?: number;
  limit?: number;
}

const channel = (id: string) => `/api/channels/${encodeURIComponent(id)}`;
const message = (id: string) => `/api/messages/${encodeURIComponent(id)}`;

/**
 * The REST routes of DESIGN section 2 the chat needs, typed with the contracts. Every method returns a
 * Promise (one answer each); failures reject with HttpErrorResponse carrying the contract's ErrorBody
 * (see `describeApiError` in the auth data-access). The auth interceptor adds the bearer token.
 */
@Injectable({ providedIn: 'root' })
export class ChatApiService {
  private readonly http = inject(HttpClient);

  /** The caller's channels (direct ones included) with their read state. */
  listChannels(): Promise<Channel[]> {
    return this.get<Channel[]>('/api/channels');
  }

  /** Public channels, optionally filtered by name. */
  browseChannels(q?: string, limit?: number): Promise<Channel[]> {
    return this.get<Channel[]>('/api/channels/browse', { q, limit });
  }

  createChannel(request: CreateChannelRequest): Promise<Channel> {
    return this.send(this.http.post<Channel>('/api/channels', request));
  }

  /** The direct conversation with these people (the caller is added); the same set gives the same channel. */
  openDirect(userIds: readonly string[]): Promise<Channel> {
    return this.send(this.http.post<Channel>('/api/channels/direct', { userIds }));
  }

  getChannel(channelId: string): Promise<Channel> {
    return this.get<Channel>(channel(channelId));
  }

  updateChannel(channelId: string, request: UpdateChannelRequest): Promise<Channel> {
    return this.send(this.http.patch<Channel>(channel(channelId), request));
  }

  archiveChannel(channelId: string): Promise<Channel> {
    return this.send(this.http.post<Channel>(`${channel(channelId)}/archive`, {}));
  }

  joinChannel(channelId: string): Promise<Channel> {
    return this.send(this.http.post<Channel>(`${channel(channelId)}/join`, {}));
  }

  async leaveChannel(channelId: string): Promise<void> {
    await this.send(this.http.post<unknown>(`${channel(channelId)}/leave`, {}));
  }

  /** One page of members, by user id; continue with `after` = the last user id. */
  listMembers(channelId: string, query: { after?: string; limit?: number } = {}): Promise<ChannelMember[]> {
    return this.get<ChannelMember[]>(`${channel(channelId)}/members`, query);
  }

  addMember(channelId: string, userId: string): Promise<ChannelMember> {
    return this.send(this.http.post<ChannelMember>(`${channel(channelId)}/members`, { userId }));
  }

  async removeMember(channelId: string, userId: string): Promise<void> {
    await this.send(this.http.delete<unknown>(`${channel(channelId)}/members/${encodeURIComponent(userId)}`));
  }

  markRead(channelId: string, seq: number): Promise<ReadState> {
    return this.send(this.http.post<ReadState>(`${channel(channelId)}/read`, { seq }));
  }

  /** Top-level messages, ascending seq: the newest page, or before/after a seq. */
  history(channelId: string, query: HistoryQuery = {}): Promise<MessagePage> {
    return this.get<MessagePage>(`${channel(channelId)}/messages`, { ...query });
  }

  /** Every create, edit, delete and reaction with a rev above `sinceRev`, by rev. */
  changes(channelId: string, sinceRev: number, limit?: number): Promise<ChangesPage> {
    return this.get<ChangesPage>(`${channel(channelId)}/changes`, { sinceRev, limit });
  }

  postMessage(channelId: string, request: PostMessageRequest): Promise<Message> {
    return this.send(this.http.post<Message>(`${channel(channelId)}/messages`, request));
  }

  getMessage(messageId: string): Promise<Message> {
    return this.get<Message>(message(messageId));
  }

  editMessage(messageId: string, content: string): Promise<Message> {
    return this.send(this.http.patch<Message>(message(messageId), { content }));
  }

  deleteMessage(messageId: string): Promise<MessageDeleted> {
    return this.send(this.http.delete<MessageDeleted>(message(messageId)));
  }

  /** Replies of a thread, ascending seq, after a seq. */
  replies(messageId: string, query: { after?: number; limit?: number } = {}): Promise<MessagePage> {
    return this.get<MessagePage>(`${message(messageId)}/replies`, query);
  }

  addReaction(messageId: string, emoji: string): Promise<Message> {
    return this.send(
      this.http.put<Message>(`${message(messageId)}/reactions/${encodeURIComponent(emoji)}`, {}),
    );
  }

  removeReaction(messageId: string, emoji: string): Promise<Message> {
    return this.send(
      this.http.delete<Message>(`${message(messageId)}/reactions/${encodeURIComponent(emoji)}`),
    );
  }

  searchUsers(q: string, limit?: number): Promise<UserSummary[]> {
    return this.get<UserSummary[]>('/api/users', { q, limit });
  }

  private get<T>(url: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params = params.set(key, String(value));
    }
    return this.send(this.http.get<T>(url, { params }));
  }

  private send<T>(request: Observable<T>): Promise<T> {
    return firstValueFrom(request);
  }
}
