import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { Ack, ReadState } from '@supchat/contracts';
import { MarkReadPayloadSchema } from '@supchat/contracts';
import type { z } from 'zod';
import { ZodValidationPipe } from '../common/validation/zod-validation.pipe';
import { ackOk } from '../realtime/ack';
import type { SupchatSocket } from '../realtime/realtime-emitter';
import { SocketEventHandlers } from '../realtime/socket-events.decorator';
import { ChannelsService } from './channels.service';

/** `mark-read` over the socket (REST has POST /api/channels/:id/read). */
@WebSocketGateway()
@SocketEventHandlers()
export class ChannelsGateway {
  constructor(private readonly channelsService: ChannelsService) {}

  @SubscribeMessage('mark-read')
  async markRead(
    @ConnectedSocket() socket: SupchatSocket,
    @MessageBody(new ZodValidationPipe(MarkReadPayloadSchema))
    payload: z.output<typeof MarkReadPayloadSchema>,
  ): Promise<Ack<ReadState>> {
    return ackOk(await this.channelsService.markRead(socket.data.user, payload.channelId, payload.seq));
  }
}
