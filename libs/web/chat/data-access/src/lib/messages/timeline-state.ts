import type { Message, MessageDeleted } from '@supchat/contracts';
import { applyDeletion, mergeMessages, tombstoneOf } from './message-merge';

/** One channel's top-level messages, ascending seq, tombstones included. */
export interface TimelineState {
  messages: readonly Message[];
  /** There are older messages on the server than the first one here. */
  hasMoreOlder: boolean;
  loaded: boolean;
  loading: boolean;
  loadingOlder: boolean;
  /** The last load failed (HttpErrorResponse or other). */
  error: unknown;
}

/** A thread: its parent and replies (ascending seq, tombstones included). */
export interface ThreadState {
  channelId: string | null;
  parent: Message | null;
  replies: readonly Message[];
  loaded: boolean;
  loading: boolean;
  error: unknown;
}

export const EMPTY_TIMELINE: TimelineState = {
  messages: [],
  hasMoreOlder: true,
  loaded: false,
  loading: false,
  loadingOlder: false,
  error: null,
};

export const EMPTY_THREAD: ThreadState = {
  channelId: null,
  parent: null,
  replies: [],
  loaded: false,
  loading: false,
  error: null,
};

/**
 * True when a top-level message lies before the loaded window: it is left out (paging back fetches it
 * fresh) so the timeline never has a hole.
 */
export function isBeforeWindow(state: TimelineState, message: Message): boolean {
  const first = state.messages[0];
  return state.hasMoreOlder && first !== undefined && message.seq < first.seq;
}

/** Merges top-level messages into the timeline (higher rev wins), except those before the window. */
export function mergeIntoTimeline(state: TimelineState, incoming: readonly Message[]): TimelineState {
  const inWindow = incoming.filter((message) => !isBeforeWindow(state, message));
  const messages = mergeMessages(state.messages, inWindow);
  return messages === state.messages ? state : { ...state, messages };
}

/** Drops what lies before `seq` (after a first page that has older messages behind it). */
export function trimBefore(state: TimelineState, seq: number): TimelineState {
  const messages = state.messages.filter((message) => message.seq >= seq);
  return messages.length === state.messages.length ? state : { ...state, messages };
}

export function deleteFromTimeline(
  state: TimelineState,
  deletion: MessageDeleted,
  at: string,
): TimelineState {
  const messages = applyDeletion(state.messages, deletion, at);
  return messages === state.messages ? state : { ...state, messages };
}

export function mergeIntoThread(
  state: ThreadState,
  parentId: string,
  incoming: readonly Message[],
): ThreadState {
  let next = state;
  for (const message of incoming) {
    if (message.id === parentId && (next.parent === null || message.rev > next.parent.rev)) {
      next = { ...next, parent: message, channelId: message.channelId };
    }
  }
  const replies = mergeMessages(
    next.replies,
    incoming.filter((message) => message.parentId === parentId),
  );
  return replies === next.replies ? next : { ...next, replies };
}

export function deleteFromThread(state: ThreadState, deletion: MessageDeleted, at: string): ThreadState {
  let next = state;
  if (next.parent?.id === deletion.id) {
    const parent = tombstoneOf(next.parent, deletion, at);
    if (parent) next = { ...next, parent };
  }
  const replies = applyDeletion(next.replies, deletion, at);
  return replies === next.replies ? next : { ...next, replies };
}
