import { Body, Controller, Delete, Get, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import type { ChangesPage, Message, MessageDeleted, MessagePage } from '@supchat/contracts';
import {
  ChangesQuerySchema,
  ChannelIdParamsSchema,
  EditMessageRequestSchema,
  HistoryQuerySchema,
  MessageIdParamsSchema,
  PostMessageRequestSchema,
  ReactionParamsSchema,
  RepliesQuerySchema,
} from '@supchat/contracts';
import type { Response } from 'express';
import type { z } from 'zod';
import type { AuthUser } from '../auth/auth-user';
import { Authenticated } from '../auth/decorators/authenticated.decorator';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { ZodValidationPipe } from '../common/validation/zod-validation.pipe';
import { MessagesService, restOrigin } from './messages.service';

type IdParams = z.output<typeof ChannelIdParamsSchema>;
type ReactionParams = z.output<typeof ReactionParamsSchema>;

/** Message history, catch-up and the message operations for integrations (the socket has the same). */
@Controller()
@Authenticated()
export class MessagesController {
  constructor(private readonly messagesService: MessagesService) {}

  @Get('channels/:id/messages')
  history(
    @CurrentUser() caller: AuthUser,
    @Param(new ZodValidationPipe(ChannelIdParamsSchema)) params: IdParams,
    @Query(new ZodValidationPipe(HistoryQuerySchema)) query: z.output<typeof HistoryQuerySchema>,
  ): Promise<MessagePage> {
    return this.messagesService.history(caller, params.id, query);
  }

  @Get('channels/:id/changes')
  changes(
    @CurrentUser() caller: AuthUser,
    @Param(new ZodValidationPipe(ChannelIdParamsSchema)) params: IdParams,
    @Query(new ZodValidationPipe(ChangesQuerySchema)) query: z.output<typeof ChangesQuerySchema>,
  ): Promise<ChangesPage> {
    return this.messagesService.changes(caller, params.id, query.sinceRev, query.limit);
  }

  /** 201 with a new message; 200 with the first message when the clientMessageId was used before. */
  @Post('channels/:id/messages')
  async post(
    @CurrentUser() caller: AuthUser,
    @Param(new ZodValidationPipe(ChannelIdParamsSchema)) params: IdParams,
    @Body(new ZodValidationPipe(PostMessageRequestSchema)) body: z.output<typeof PostMessageRequestSchema>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Message> {
    const { message, created } = await this.messagesService.send(
      caller,
      {
        channelId: params.id,
        content: body.content,
        clientMessageId: body.clientMessageId ?? null,
        parentId: body.parentId ?? null,
      },
      restOrigin(),
    );
    response.status(created ? 201 : 200);
    return message;
  }

  @Get('messages/:id')
  get(
    @CurrentUser() caller: AuthUser,
    @Param(new ZodValidationPipe(MessageIdParamsSchema)) params: IdParams,
  ): Promise<Message> {
    return this.messagesService.get(caller, params.id);
  }

  @Patch('messages/:id')
  edit(
    @CurrentUser() caller: AuthUser,
    @Param(new ZodValidationPipe(MessageIdParamsSchema)) params: IdParams,
    @Body(new ZodValidationPipe(EditMessageRequestSchema)) body: z.output<typeof EditMessageRequestSchema>,
  ): Promise<Message> {
    return this.messagesService.edit(caller, params.id, body.content);
  }

  @Delete('messages/:id')
  delete(
    @CurrentUser() caller: AuthUser,
    @Param(new ZodValidationPipe(MessageIdParamsSchema)) params: IdParams,
  ): Promise<MessageDeleted> {
    return this.messagesService.delete(caller, params.id);
  }

  @Get('messages/:id/replies')
  replies(
    @CurrentUser() caller: AuthUser,
    @Param(new ZodValidationPipe(MessageIdParamsSchema)) params: IdParams,
    @Query(new ZodValidationPipe(RepliesQuerySchema)) query: z.output<typeof RepliesQuerySchema>,
  ): Promise<MessagePage> {
    return this.messagesService.replies(caller, params.id, query.after ?? 0, query.limit);
  }

  @Put('messages/:id/reactions/:emoji')
  addReaction(
    @CurrentUser() caller: AuthUser,
    @Param(new ZodValidationPipe(ReactionParamsSchema)) params: ReactionParams,
  ): Promise<Message> {
    return this.messagesService.react(caller, params.id, params.emoji, 'add');
  }

  @Delete('messages/:id/reactions/:emoji')
  removeReaction(
    @CurrentUser() caller: AuthUser,
    @Param(new ZodValidationPipe(ReactionParamsSchema)) params: ReactionParams,
  ): Promise<Message> {
    return this.messagesService.react(caller, params.id, params.emoji, 'remove');
  }
}
