import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { Ack } from '@supchat/contracts';
import { SetPresencePayloadSchema, TypingPayloadSchema } from '@supchat/contracts';
import type { z } from 'zod';
import { ZodValidationPipe } from '../common/validation/zod-validation.pipe';
import { ackOk } from '../realtime/ack';
import type { SupchatSocket } from '../realtime/realtime-emitter';
import { SocketEventHandlers } from '../realtime/socket-events.decorator';
import { PresenceService } from './presence.service';
import { TypingService } from './typing.service';

/** `set-presence` and `typing`; their ack callbacks are optional. */
@WebSocketGateway()
@SocketEventHandlers()
export class PresenceGateway {
  constructor(
    private readonly presence: PresenceService,
    private readonly typingService: TypingService,
  ) {}

  @SubscribeMessage('set-presence')
  async setPresence(
    @ConnectedSocket() socket: SupchatSocket,
    @MessageBody(new ZodValidationPipe(SetPresencePayloadSchema))
    payload: z.output<typeof SetPresencePayloadSchema>,
  ): Promise<Ack<null>> {
    await this.presence.setStatus(socket, payload.status);
    return ackOk(null);
  }

  @SubscribeMessage('typing')
  async typing(
    @ConnectedSocket() socket: SupchatSocket,
    @MessageBody(new ZodValidationPipe(TypingPayloadSchema)) payload: z.output<typeof TypingPayloadSchema>,
  ): Promise<Ack<null>> {
    await this.typingService.typing(socket.data.user, payload.channelId, payload.isTyping);
    return ackOk(null);
  }
}
