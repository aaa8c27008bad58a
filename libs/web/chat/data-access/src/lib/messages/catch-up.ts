import { LIMITS } from '@supchat/constants';
import type { Message, SyncPayload, SyncResult } from '@supchat/contracts';
import { Backoff } from '../socket/backoff';
import { ChatAckError, ChatTransportError } from '../socket/chat-errors';
import type { RevHorizon } from './rev-horizon';

export const SYNC_TIMEOUT_MS = 15_000;
/** A `sync` that failed while the connection stayed up is asked again after these delays. */
export const SYNC_RETRY_DELAY = { minMs: 1_000, maxMs: 30_000, jitter: 0.5 } as const;

export interface CatchUpDeps {
  horizon: RevHorizon;
  sync(channels: SyncPayload['channels']): Promise<SyncResult>;
  apply(messages: readonly Message[]): void;
}

/**
 * Catch-up (DESIGN section 3): `sync` from each channel's horizon, LIMITS.syncChannels at a time,
 * paging while hasMore, merging every page as it comes. Channels the server says the caller left
 * (FORBIDDEN with details.channelIds) stop being tracked. Unanswered (timeout) or refused for a
 * passing reason (RATE_LIMITED, INTERNAL) while the connection stays up, the same page is asked
 * again with backoff; cut off, it stops, and the next `ready` starts again from the last page
 * reached. A newer `ready` supersedes a running catch-up.
 */
export async function catchUp(channelIds: readonly string[], deps: CatchUpDeps): Promise<void> {
  const { horizon } = deps;
  const epoch = horizon.epoch;
  const backoff = new Backoff(SYNC_RETRY_DELAY);
  const cursors = new Map<string, number>();
  for (const channelId of channelIds) {
    if (!horizon.isTracked(channelId)) continue;
    horizon.beginCatchUp(channelId);
    cursors.set(channelId, horizon.get(channelId));
  }
  while (cursors.size > 0) {
    const batch = [...cursors]
      .slice(0, LIMITS.syncChannels)
      .map(([channelId, sinceRev]) => ({ channelId, sinceRev }));
    let result: SyncResult;
    try {
      result = await deps.sync(batch);
    } catch (error) {
      if (epoch !== horizon.epoch) return;
      const refused = forbiddenChannelIds(error);
      if (refused.length > 0) {
        for (const channelId of refused) {
          cursors.delete(channelId);
          horizon.forget(channelId);
        }
        continue;
      }
      if (isPassing(error) && horizon.subscribed) {
        await delay(retryDelayMs(error, backoff));
        if (epoch !== horizon.epoch) return;
        if (horizon.subscribed) continue;
      }
      for (const channelId of cursors.keys()) horizon.abortCatchUp(channelId);
      return;
    }
    if (epoch !== horizon.epoch) return;
    backoff.reset();
    for (const { channelId, sinceRev } of batch) {
      const page = result.channels.find((entry) => entry.channelId === channelId);
      if (page) deps.apply(page.messages);
      horizon.progress(channelId, page?.lastRev ?? 0);
      // hasMore with no progress: the reply's size budget was spent on other channels; ask again.
      if (page?.hasMore && (page.lastRev > sinceRev || page.messages.length === 0)) {
        cursors.set(channelId, page.lastRev);
      } else {
        cursors.delete(channelId);
        if (page) horizon.finishCatchUp(channelId);
        else horizon.abortCatchUp(channelId);
      }
    }
  }
}

/** Worth asking again on the same connection: no answer in time, or a refusal that passes. */
function isPassing(error: unknown): boolean {
  if (error instanceof ChatTransportError) return error.failure === 'timeout';
  return error instanceof ChatAckError && (error.code === 'RATE_LIMITED' || error.code === 'INTERNAL');
}

function retryDelayMs(error: unknown, backoff: Backoff): number {
  const next = backoff.nextDelayMs();
  const asked = error instanceof ChatAckError ? error.retryAfterMs : null;
  return asked === null ? next : Math.max(asked, next);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function forbiddenChannelIds(error: unknown): string[] {
  if (!(error instanceof ChatAckError) || error.code !== 'FORBIDDEN') return [];
  const ids = error.details?.['channelIds'];
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}
