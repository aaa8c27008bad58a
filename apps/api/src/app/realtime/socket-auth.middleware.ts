import { CONNECT_ERRORS, HandshakeAuthSchema } from '@supchat/contracts';
import type { SessionAuthenticator } from '../auth/session-authenticator';
import type { SupchatSocket } from './realtime-emitter';

type Next = (error?: Error) => void;

function isSameOrigin(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * Socket.IO handshake middleware: a browser page must come from an allowed origin, and every
 * client must present an access token of an open session in `handshake.auth.token` (never the
 * query string). `handshake.auth.presence` (optional) is the status the socket starts with.
 */
export function socketAuthMiddleware(sessions: SessionAuthenticator, allowedOrigins: readonly string[]) {
  return (socket: SupchatSocket, next: Next): void => {
    const { origin, host } = socket.handshake.headers;
    // Clients outside a browser send no Origin; the token alone proves who they are. A page served
    // by this server itself (same host, whatever name it was reached by) is always allowed.
    if (origin !== undefined && !allowedOrigins.includes(origin) && !isSameOrigin(origin, host)) {
      next(new Error(CONNECT_ERRORS.forbiddenOrigin));
      return;
    }
    const auth: unknown = socket.handshake.auth;
    const token = auth && typeof auth === 'object' ? (auth as { token?: unknown }).token : undefined;
    const presence = HandshakeAuthSchema.shape.presence.safeParse(
      auth && typeof auth === 'object' ? (auth as { presence?: unknown }).presence : undefined,
    );
    if (!presence.success) {
      next(
        Object.assign(new Error(CONNECT_ERRORS.validationFailed), {
          data: { field: 'presence', message: 'must be "online" or "away"' },
        }),
      );
      return;
    }
    sessions
      .authenticate(typeof token === 'string' ? token : null)
      .then((user) => {
        if (!user) {
          next(new Error(CONNECT_ERRORS.unauthorized));
          return;
        }
        socket.data.user = user;
        socket.data.presence = presence.data ?? 'online';
        next();
      })
      .catch(() => next(new Error(CONNECT_ERRORS.unauthorized)));
  };
}
