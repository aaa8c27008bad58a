import type { AckError, UserSummary } from '@supchat/contracts';

/** `pending`: waiting to be sent or for its ack (retried until acknowledged); `failed`: refused, see `error`. */
export type OutgoingStatus = 'pending' | 'failed';

/** A message typed here that the server has not confirmed yet (shown optimistically). */
export interface OutgoingMessage {
  /** Chosen once; every retry sends the same one, so the server stores the message only once. */
  clientMessageId: string;
  channelId: string;
  parentId: string | null;
  content: string;
  author: UserSummary;
  createdAt: string;
  status: OutgoingStatus;
  /** Why the server refused it (status `failed`). */
  error: AckError | null;
}
