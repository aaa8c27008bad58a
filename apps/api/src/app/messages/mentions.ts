export interface ParsedMentions {
  /** Lower-case usernames mentioned with `@name`, each once. */
  usernames: string[];
  /** `@channel`, `@here` or `@everyone` was used. */
  channel: boolean;
}

const CHANNEL_WIDE = new Set(['channel', 'here', 'everyone']);
/** `@name` at the start or after a character that cannot be part of a word or an email address. */
const MENTION = /(^|[^\p{L}\p{N}_.@-])@([A-Za-z0-9_.-]{2,40})/gu;
const CODE = /```[\s\S]*?```|`[^`\n]*`/g;

/** Finds the mentions in a message; code spans and blocks do not mention anybody. */
export function parseMentions(content: string): ParsedMentions {
  const text = content.replace(CODE, ' ');
  const usernames = new Set<string>();
  let channel = false;
  for (const match of text.matchAll(MENTION)) {
    // A sentence may end right after the name: "thanks @alice."
    const name = match[2].toLowerCase().replace(/[.-]+$/, '');
    if (CHANNEL_WIDE.has(name)) channel = true;
    else if (name.length >= 2 && name.length <= 32) usernames.add(name);
  }
  return { usernames: [...usernames], channel };
}
