import { Global, Module } from '@nestjs/common';
import { RealtimeEmitter } from './realtime-emitter';

/** The emitter services use to reach clients; no dependencies, so every feature module can use it. */
@Global()
@Module({ providers: [RealtimeEmitter], exports: [RealtimeEmitter] })
export class RealtimeCoreModule {}
