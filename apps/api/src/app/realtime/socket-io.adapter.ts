import type { INestApplicationContext, WsMessageHandler } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { LIMITS } from '@supchat/contracts';
import type { Redis } from 'ioredis';
import type { Observable } from 'rxjs';
import type { Server, ServerOptions, Socket } from 'socket.io';
import type { AppConfig } from '../config/app-config';
import { KEY_PREFIX } from '../redis/lua-script';

/** A client that drops for less than this gets the events it missed replayed on reconnecting. */
export const RECOVERY_WINDOW_MS = 2 * 60 * 1000;

/**
 * Socket.IO with SUPCHAT's transport settings: path `/socket.io`, a 64 KiB frame limit, browser
 * origins limited to CORS_ORIGINS (+ PUBLIC_URL), and connection-state recovery.
 *
 * With Redis, the Redis Streams adapter joins the instances: broadcasts and room moves reach every
 * instance, and recovery works across them (a client may come back on another instance and still
 * get what it missed; the classic pub/sub adapter cannot replay). It publishes on the shared client,
 * the same connection the channel write locks use, so a channel's events enter the stream in rev order.
 */
export class SupchatIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
    private readonly redis: Redis | null,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const merged: Partial<ServerOptions> = {
      ...options,
      path: '/socket.io',
      maxHttpBufferSize: LIMITS.socketFrameBytes,
      serveClient: false,
      cors: { origin: this.config.corsOrigins, credentials: false },
      // The handshake middleware runs again on recovery: an ended session does not come back.
      connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_WINDOW_MS, skipMiddlewares: false },
      ...(this.redis
        ? {
            adapter: createAdapter(this.redis, {
              streamName: `${KEY_PREFIX}socket.io`,
              channelPrefix: `${KEY_PREFIX}socket.io`,
              sessionKeyPrefix: `${KEY_PREFIX}sio:session:`,
              // Every payload is JSON: skip the binary checks.
              onlyPlaintext: true,
            }),
          }
        : {}),
    };
    return super.createIOServer(port, merged as ServerOptions);
  }

  /**
   * Nest's own binding builds an RxJS pipeline per handler per socket (fromEvent, mergeMap,
   * takeUntil on a shared disconnect stream): with a dozen handlers that was most of a socket's
   * memory (about 45 KiB of 75 KiB) and a good part of its connect time. This binds each handler
   * as one plain listener and answers the same way: a returned `{event, data}` is emitted, anything
   * else non-nil goes to the ack (unless the handler acks by itself); an error is logged, never thrown.
   */
  override bindMessageHandlers(
    socket: Socket,
    handlers: WsMessageHandler[],
    transform: (data: unknown) => Observable<unknown>,
  ): void {
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(message, (...args: unknown[]) => {
        const last = args.at(-1);
        const ack = typeof last === 'function' ? (last as (response: unknown) => void) : undefined;
        const values = ack ? args.slice(0, -1) : args;
        const data = values.length <= 1 ? values[0] : values;
        const answer = (response: unknown) => {
          if (response === null || response === undefined) return;
          const { event, data: eventData } = response as { event?: unknown; data?: unknown };
          if (typeof event === 'string' && event) socket.emit(event, eventData);
          else if (!isAckHandledManually && ack) ack(response);
        };
        try {
          transform(callback(data, ack)).subscribe({ next: answer, error: logHandlerError });
        } catch (error) {
          logHandlerError(error);
        }
      });
    }
  }
}

const logger = new Logger('SupchatIoAdapter');

/** A handler whose error escaped its exception filter (an app bug): logged, the socket stays. */
function logHandlerError(error: unknown): void {
  logger.error({ msg: 'socket event handler failed', err: error });
}
