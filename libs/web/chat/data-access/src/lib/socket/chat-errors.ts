import type { AckError, ErrorCode, ErrorDetails } from '@supchat/contracts';

/** Why a socket request failed without an answer from the server. */
export type ChatTransportFailure = 'timeout' | 'disconnected';

/** A socket request the server answered with an error ack (the contract's `AckError`). */
export class ChatAckError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;

  constructor(readonly ackError: AckError) {
    super(ackError.message);
    this.name = 'ChatAckError';
    this.code = ackError.code;
    this.details = ackError.details;
  }

  /** For RATE_LIMITED: how long the server asks to wait, if it said. */
  get retryAfterMs(): number | null {
    const value = this.details?.['retryAfterMs'];
    return typeof value === 'number' && Number.isFinite(value) ? value : null;
  }
}

/**
 * A socket request that got no answer: the ack did not come in time, or the socket was (or went)
 * offline. The server may or may not have applied it.
 */
export class ChatTransportError extends Error {
  constructor(readonly failure: ChatTransportFailure) {
    super(failure === 'timeout' ? 'The server did not answer in time' : 'Not connected to the server');
    this.name = 'ChatTransportError';
  }
}

/** Any way a socket request can fail. */
export type ChatRequestError = ChatAckError | ChatTransportError;
