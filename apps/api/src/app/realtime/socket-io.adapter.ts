import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { LIMITS } from '@supchat/contracts';
import type { Redis } from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
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
}
