/** `@channel`, `@here`, `@everyone`: they notify the whole channel (reserved usernames). */
export const CHANNEL_WIDE_MENTIONS: readonly string[] = ['channel', 'here', 'everyone'];

/**
 * `@name` at the start or after a character that cannot be part of a word or an email address; the
 * same rule as the server's (apps/api messages/mentions.ts), so what is highlighted is what notifies.
 */
export const MENTION_PATTERN = /(^|[^\p{L}\p{N}_.@-])@([A-Za-z0-9_.-]{2,40})/gu;

/** A sentence may end right after the name ("thanks @alice."): those dots and dashes are not part of it. */
export function mentionName(raw: string): string {
  return raw.toLowerCase().replace(/[.-]+$/, '');
}

/** Text compared without case or accents: "Élodie" matches "elo", "cœur" matches "coeur". */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae');
}
