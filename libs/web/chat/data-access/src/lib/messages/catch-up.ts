import { LIMITS } from '@supchat/constants';
import type { Message, SyncPayload, SyncResult } from '@supchat/contracts';
import { ChatAckError } from '../socket/chat-errors';
import type { RevHorizon } from './rev-horizon';

export const SYNC_TIMEOUT_MS = 15_000;

export interface CatchUpDeps {
  horizon: RevHorizon;
  sync(channels: SyncPayload['channels']): Promise<SyncResult>;
  apply(messages: readonly Message[]): void;
}

/**
 * Catch-up (DESIGN section 3): `sync` from each channel's horizon, LIMITS.syncChannels at a time,
 * paging while hasMore, merging every page as it comes. Channels the server says the caller left
 * (FORBIDDEN with details.channelIds) stop being tracked. Cut off or unanswered, it stops; the next
 * `ready` starts again from the last page reached. A newer `ready` supersedes a running catch-up.
 */
export async function catchUp(channelIds: readonly string[], deps: CatchUpDeps): Promise<void> {
  const { horizon } = deps;
  const epoch = horizon.epoch;
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
      for (const channelId of cursors.keys()) horizon.abortCatchUp(channelId);
      return;
    }
    if (epoch !== horizon.epoch) return;
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

function forbiddenChannelIds(error: unknown): string[] {
  if (!(error instanceof ChatAckError) || error.code !== 'FORBIDDEN') return [];
  const ids = error.details?.['channelIds'];
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}
