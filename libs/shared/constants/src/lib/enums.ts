/** Every error that crosses the wire carries one of these codes (DESIGN section 2). */
export const ERROR_CODES = [
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'VALIDATION_FAILED',
  'CONFLICT',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The HTTP status that goes with each code. */
export const HTTP_STATUS_BY_ERROR_CODE: Readonly<Record<ErrorCode, number>> = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION_FAILED: 400,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  INTERNAL: 500,
};

export const USER_ROLES = ['admin', 'member'] as const;
export const CHANNEL_TYPES = ['public', 'private', 'direct'] as const;
export const MEMBER_ROLES = ['owner', 'admin', 'member'] as const;
export const PRESENCE_STATUSES = ['online', 'away', 'offline'] as const;

/** Names that mean something else in a message (`@channel`, `@here`, `@everyone`). */
export const RESERVED_USERNAMES: readonly string[] = ['channel', 'here', 'everyone'];

/** The names of every client -> server event (the server answers anything else NOT_FOUND). */
export const CLIENT_EVENTS = [
  'send-message',
  'edit-message',
  'delete-message',
  'toggle-reaction',
  'typing',
  'mark-read',
  'sync',
  'set-presence',
  'client-stats',
  'reauthenticate',
] as const;

/**
 * Client events whose ack callback may be left out. Any other event sent without one is ignored:
 * a client that cannot learn the outcome must not change anything.
 */
export const ACK_OPTIONAL_EVENTS: readonly (typeof CLIENT_EVENTS)[number][] = [
  'typing',
  'set-presence',
  'client-stats',
];

/** Messages of `connect_error` when the handshake is refused. */
export const CONNECT_ERRORS = {
  unauthorized: 'UNAUTHORIZED',
  forbiddenOrigin: 'FORBIDDEN_ORIGIN',
  /** An authenticated user who may not use this namespace (`/monitor` is for admins). */
  forbidden: 'FORBIDDEN',
  /** A handshake field with a value it cannot have; `data` names it: `{field, message}`. */
  validationFailed: 'VALIDATION_FAILED',
} as const;
