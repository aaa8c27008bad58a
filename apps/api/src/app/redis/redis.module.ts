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

@Global()
@Module({})
export class RedisModule {
  static forRoot(redisUrl: string | null): DynamicModule {
    return {
      module: RedisModule,
      providers: [
        {
          provide: REDIS_CLIENT,
          useFactory: (): Redis | null => {
            if (!redisUrl) return null;
            const logger = new Logger('Redis');
            const client = new Redis(redisUrl, { maxRetriesPerRequest: 2, connectionName: 'supchat' });
            // Never log the URL: it may carry a password.
            client.on('error', (error: Error) => logger.warn(`Redis connection problem: ${error.message}`));
            return client;
          },
        },
        RedisLifecycle,
      ],
      exports: [REDIS_CLIENT],
    };
  }
}
