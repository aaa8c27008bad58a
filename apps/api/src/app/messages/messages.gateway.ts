import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { Ack, Message, MessageDeleted, SyncResult } from '@supchat/contracts';
import {
  DeleteMessagePayloadSchema,
  EditMessagePayloadSchema,
  SendMessagePayloadSchema,
  SyncPayloadSchema,
  ToggleReactionPayloadSchema,
} from '@supchat/contracts';
import type { z } from 'zod';
import { ZodValidationPipe } from '../common/validation/zod-validation.pipe';
import { ackOk } from '../realtime/ack';
import type { SupchatSocket } from '../realtime/realtime-emitter';
import { SocketEventHandlers } from '../realtime/socket-events.decorator';
import { MessagesService } from './messages.service';

/** Message events of the socket; each answers its ack with an `Ack` (errors through the filter). */
@WebSocketGateway()
@SocketEventHandlers()
export class MessagesGateway {
  constructor(private readonly messagesService: MessagesService) {}

  @SubscribeMessage('send-message')
  async send(
    @ConnectedSocket() socket: SupchatSocket,
    @MessageBody(new ZodValidationPipe(SendMessagePayloadSchema))
    payload: z.output<typeof SendMessagePayloadSchema>,
  ): Promise<Ack<Message>> {
    const receivedAt = performance.now();
    const { message } = await this.messagesService.send(
      socket.data.user,
      {
        channelId: payload.channelId,
        content: payload.content,
        clientMessageId: payload.clientMessageId,
        parentId: payload.parentId ?? null,
      },
      { socketId: socket.id, receivedAt },
    );
    return ackOk(message);
  }

  @SubscribeMessage('edit-message')
  async edit(
    @ConnectedSocket() socket: SupchatSocket,
    @MessageBody(new ZodValidationPipe(EditMessagePayloadSchema))
    payload: z.output<typeof EditMessagePayloadSchema>,
  ): Promise<Ack<Message>> {
    return ackOk(await this.messagesService.edit(socket.data.user, payload.messageId, payload.content));
  }

  @SubscribeMessage('delete-message')
  async delete(
    @ConnectedSocket() socket: SupchatSocket,
    @MessageBody(new ZodValidationPipe(DeleteMessagePayloadSchema))
    payload: z.output<typeof DeleteMessagePayloadSchema>,
  ): Promise<Ack<MessageDeleted>> {
    return ackOk(await this.messagesService.delete(socket.data.user, payload.messageId));
  }

  @SubscribeMessage('sync')
  async sync(
    @ConnectedSocket() socket: SupchatSocket,
    @MessageBody(new ZodValidationPipe(SyncPayloadSchema)) payload: z.output<typeof SyncPayloadSchema>,
  ): Promise<Ack<SyncResult>> {
    return ackOk(await this.messagesService.sync(socket.data.user, payload.channels));
  }

  @SubscribeMessage('toggle-reaction')
  async toggleReaction(
    @ConnectedSocket() socket: SupchatSocket,
    @MessageBody(new ZodValidationPipe(ToggleReactionPayloadSchema))
    payload: z.output<typeof ToggleReactionPayloadSchema>,
  ): Promise<Ack<Message>> {
    return ackOk(
      await this.messagesService.react(socket.data.user, payload.messageId, payload.emoji, 'toggle'),
    );
  }
}
