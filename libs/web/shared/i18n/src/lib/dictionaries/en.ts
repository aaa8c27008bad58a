/**
 * English UI text: the source of truth. Every other dictionary has exactly these keys (`Dictionary`).
 *
 * - A value is a string, or plural forms `{ one, other }` (chosen with Intl.PluralRules from the
 *   `count` parameter; a missing category falls back to `other`). No namespace may have a key named
 *   `other`: that marks plural forms.
 * - `{name}` is replaced by the parameter `name`; numbers are formatted for the locale.
 * - Group keys by screen or component (the top-level namespaces).
 */
export const en = {
  common: {
    cancel: 'Cancel',
    close: 'Close',
    confirm: 'Confirm',
    save: 'Save',
    delete: 'Delete',
    retry: 'Retry',
    optional: '(optional)',
  },
  language: {
    label: 'Language',
  },
  titles: {
    home: 'SUPCHAT',
    signIn: 'Sign in · SUPCHAT',
    register: 'Create account · SUPCHAT',
  },
  auth: {
    fields: {
      email: 'Email',
      password: 'Password',
      username: 'Username',
      displayName: 'Display name',
    },
    login: {
      heading: 'Sign in',
      lead: 'Welcome back. Sign in to pick up your conversations.',
      submit: 'Sign in',
      submitting: 'Signing in…',
      newHere: 'New to SUPCHAT?',
      createAccount: 'Create an account',
    },
    register: {
      heading: 'Create your account',
      lead: 'One account for every channel and conversation.',
      usernameHint: '{min}–{max} letters, digits, “_”, “.” or “-”. People mention you with @username.',
      displayNameHint: 'How your name appears to others. Defaults to your username.',
      passwordHint: 'At least {min} characters. A few random words make a strong one.',
      submit: 'Create account',
      submitting: 'Creating account…',
      haveAccount: 'Already have an account?',
      signIn: 'Sign in',
    },
    errors: {
      invalidCredentials: 'Invalid email or password',
      emailTaken: 'That email is already registered',
      usernameTaken: 'That username is already registered',
    },
  },
  forms: {
    required: '{label} is required',
    email: 'Enter a valid email address, like name@example.com',
    usernameCharacters: '{label} may contain only letters, digits, "_", "." and "-"',
    minLength: {
      one: '{label} must be at least {count} character',
      other: '{label} must be at least {count} characters',
    },
    maxLength: {
      one: '{label} must be at most {count} character',
      other: '{label} must be at most {count} characters',
    },
    invalid: '{label} is not valid',
  },
  errors: {
    network: 'Cannot reach the server. Check your connection and try again.',
    sessionEnded: 'Your session has ended. Please sign in again.',
    forbidden: 'You are not allowed to do that.',
    notFound: 'Not found.',
    tooLarge: 'That is too large to send.',
    rateLimited: {
      one: 'Too many attempts. Try again in {count} s.',
      other: 'Too many attempts. Try again in {count} s.',
    },
    tooManyRequests: 'Too many requests. Please wait a moment and try again.',
    correctFields: 'Please correct the highlighted fields.',
    server: 'Something went wrong on the server. Please try again (request id {requestId}).',
    serverProblem: 'The server had a problem. Please try again.',
    generic: 'Something went wrong. Please try again.',
  },
  home: {
    signedInAs: 'Signed in as',
    adminBadge: 'admin',
    adminTitle: 'Administrator',
    signOut: 'Sign out',
    signingOut: 'Signing out…',
    welcome: 'Welcome',
    welcomeName: 'Welcome, {name}',
    comingSoon: 'The chat UI is coming: channels, direct messages, threads and mentions will appear here.',
    sessionNote: 'Your session stays signed in across reloads and tabs until you sign out.',
  },
  time: {
    justNow: 'just now',
  },
  presence: {
    online: 'Online',
    away: 'Away',
    offline: 'Offline',
    lastSeenJustNow: 'Last seen just now',
    lastSeen: 'Last seen {time}',
    lastSeenOn: 'Last seen on {date}',
  },
  message: {
    edited: '(edited)',
    editedAt: 'Edited {time}',
    deleted: 'This message was deleted',
    sending: 'Sending…',
    failed: 'Not sent.',
    retry: 'Retry',
    actions: 'Message actions',
    react: 'Add reaction',
    replyInThread: 'Reply in thread',
    edit: 'Edit',
    delete: 'Delete',
    deleteConfirm: 'Delete this message? This cannot be undone.',
    editLabel: 'Edit message',
    editHint: 'Enter to save · Escape to cancel · Shift+Enter for a new line',
    editEmpty: 'A message cannot be empty. Use Delete to remove it.',
    replies: { one: '{count} reply', other: '{count} replies' },
    lastReply: 'last reply {time}',
    mentionsYou: 'Mentions you',
  },
  reactions: {
    label: { one: '{emoji}: {count} reaction', other: '{emoji}: {count} reactions' },
    labelWithYou: {
      one: '{emoji}: {count} reaction, including yours',
      other: '{emoji}: {count} reactions, including yours',
    },
    reactedBy: 'Reacted by {names}',
    you: 'you',
    bar: 'Reactions',
  },
  composer: {
    label: 'Message',
    placeholder: 'Write a message…',
    send: 'Send',
    hint: 'Enter to send · Shift+Enter for a new line',
    remaining: { one: '{count} character left', other: '{count} characters left' },
    tooLong: { one: '{count} character too many', other: '{count} characters too many' },
    suggestions: 'People to mention',
    suggestionCount: { one: '{count} suggestion', other: '{count} suggestions' },
    channelWide: {
      channel: 'Notify everyone in this channel',
      here: 'Notify everyone online in this channel',
      everyone: 'Notify everyone in this channel',
    },
  },
  emoji: {
    picker: 'Emoji',
    search: 'Search emoji',
    noResults: 'No emoji found',
    categories: {
      smileys: 'Smileys & emotion',
      people: 'People & gestures',
      hearts: 'Hearts & symbols',
      nature: 'Animals & nature',
      food: 'Food & drink',
      activities: 'Activities & travel',
      objects: 'Objects',
    },
  },
  typing: {
    single: '{name} is typing…',
    pair: '{first} and {second} are typing…',
    several: 'Several people are typing…',
  },
  connection: {
    connecting: 'Connecting…',
    reconnecting: 'Connection lost. Reconnecting…',
    offline: 'You are offline. Messages will be sent once the connection is back.',
    retry: 'Retry now',
  },
  unread: {
    messages: { one: '{count} unread message', other: '{count} unread messages' },
    mentions: { one: '{count} mention', other: '{count} mentions' },
  },
  dividers: {
    newMessages: 'New messages',
  },
};

/** The shape every dictionary has: English's keys, any strings. */
export type Dictionary = typeof en;
