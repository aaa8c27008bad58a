import type { DynamicModule, OnApplicationShutdown } from '@nestjs/common';
import { Global, Inject, Injectable, Logger, Module } from '@nestjs/common';
import { Redis } from 'ioredis';

/** The shared Redis client, or null when REDIS_URL is not set (everything then stays in memory). */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

@Injectable()
class RedisLifecycle implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis | null) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.redis && this.redis.status !== 'end')
      await this.redis.quit().catch(() => this.redis?.disconnect());
  }
}

/** Resolves when the client is connected, rejects after `timeoutMs` (the client is then closed). */
function whenReady(client: Redis, timeoutMs: number): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off('ready', onReady);
      client.disconnect();
      reject(new Error(`Redis (REDIS_URL) did not answer within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    client.once('ready', onReady);
  });
}

@Global()
@Module({})
export class RedisModule {
  /**
   * With REDIS_URL, the boot waits for Redis (`connectTimeoutMs`) and fails if it does not come: an
   * instance that cannot reach the others must not start serving. Once up, outages are survived
   * (the client reconnects by itself).
   */
  static forRoot(redisUrl: string | null, connectTimeoutMs: number): DynamicModule {
    return {
      module: RedisModule,
      providers: [
        {
          provide: REDIS_CLIENT,
          useFactory: async (): Promise<Redis | null> => {
            if (!redisUrl) return null;
            const logger = new Logger('Redis');
            const client = new Redis(redisUrl, { maxRetriesPerRequest: 2, connectionName: 'supchat' });
            // Never log the URL: it may carry a password.
            client.on('error', (error: Error) => logger.warn(`Redis connection problem: ${error.message}`));
            await whenReady(client, connectTimeoutMs);
            return client;
          },
        },
        RedisLifecycle,
      ],
      exports: [REDIS_CLIENT],
    };
  }
}
