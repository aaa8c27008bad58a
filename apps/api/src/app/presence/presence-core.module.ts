import { Global, Module } from '@nestjs/common';
import { InMemoryPresenceStore, PRESENCE_STORE } from './presence.store';

/** The presence store, readable by every module (member lists show presence). */
@Global()
@Module({
  providers: [{ provide: PRESENCE_STORE, useFactory: () => new InMemoryPresenceStore() }],
  exports: [PRESENCE_STORE],
})
export class PresenceCoreModule {}
