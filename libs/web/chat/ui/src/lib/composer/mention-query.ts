import type { UserSummary } from '@supchat/contracts';
import { CHANNEL_WIDE_MENTIONS, foldForSearch } from '../mentions';

/** An `@name` being typed: where its `@` is and what follows it so far. */
export interface MentionQuery {
  start: number;
  query: string;
}

export type MentionSuggestion =
  { kind: 'user'; user: UserSummary; insert: string } | { kind: 'channel'; name: string; insert: string };

const TYPING_MENTION = /(^|[^\p{L}\p{N}_.@-])@([A-Za-z0-9_.-]{0,32})$/u;

/** The mention the caret is in, if any ("hi @al|" -> { start: 3, query: 'al' }). */
export function mentionQueryAt(text: string, caret: number): MentionQuery | null {
  const match = TYPING_MENTION.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: match.index + match[1].length, query: match[2] };
}

/**
 * Members whose username, display name, or a word of it starts with `query` (no case, no accents),
 * username matches first, at most `limit`; then the channel-wide names that match.
 */
export function mentionSuggestions(
  members: readonly UserSummary[],
  query: string,
  excludeUserId: string | null,
  limit = 8,
): MentionSuggestion[] {
  const folded = foldForSearch(query);
  const byUsername: UserSummary[] = [];
  const byName: UserSummary[] = [];
  for (const member of members) {
    if (member.id === excludeUserId) continue;
    if (foldForSearch(member.username).startsWith(folded)) {
      byUsername.push(member);
    } else if (
      foldForSearch(member.displayName)
        .split(/[\s\-_.]+/)
        .some((word) => word.startsWith(folded))
    ) {
      byName.push(member);
    }
  }
  const users: MentionSuggestion[] = [...byUsername, ...byName]
    .slice(0, limit)
    .map((user) => ({ kind: 'user', user, insert: `@${user.username}` }));
  const channelWide: MentionSuggestion[] = CHANNEL_WIDE_MENTIONS.filter((name) =>
    name.startsWith(folded),
  ).map((name) => ({ kind: 'channel', name, insert: `@${name}` }));
  return [...users, ...channelWide];
}
