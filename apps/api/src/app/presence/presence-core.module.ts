import { Global, Module } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { INSTANCE_ID } from '../metrics/instance';
import { REDIS_CLIENT } from '../redis/redis.module';
import { InMemoryPresenceStore, PRESENCE_STORE } from './presence.store';
import { RedisPresenceStore } from './presence.store.redis';
import { InMemoryTypingStore, TYPING_STORE } from './typing.store';
import { RedisTypingStore } from './typing.store.redis';

/** Presence and typing state, in memory or shared through Redis; readable by every module. */
@Global()
@Module({
  providers: [
    {
      provide: PRESENCE_STORE,
      inject: [REDIS_CLIENT],
      useFactory: (redis: Redis | null) =>
        redis ? new RedisPresenceStore(redis, INSTANCE_ID) : new InMemoryPresenceStore(),
    },
    {
      provide: TYPING_STORE,
      inject: [REDIS_CLIENT],
      useFactory: (redis: Redis | null) => (redis ? new RedisTypingStore(redis) : new InMemoryTypingStore()),
    },
  ],
  exports: [PRESENCE_STORE, TYPING_STORE],
})
export class PresenceCoreModule {}
