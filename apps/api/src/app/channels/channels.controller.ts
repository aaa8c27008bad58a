import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import type { Channel, ChannelMember, ReadState } from '@supchat/contracts';
import {
  AddMemberRequestSchema,
  BrowseChannelsQuerySchema,
  ChannelIdParamsSchema,
  ChannelMemberParamsSchema,
  CreateChannelRequestSchema,
  CreateDirectChannelRequestSchema,
  MarkReadRequestSchema,
  MembersQuerySchema,
  UpdateChannelRequestSchema,
} from '@supchat/contracts';
import type { z } from 'zod';
import type { AuthUser } from '../auth/auth-user';
import { Authenticated } from '../auth/decorators/authenticated.decorator';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { ZodValidationPipe } from '../common/validation/zod-validation.pipe';
import { ChannelsService } from './channels.service';

type ChannelParams = z.output<typeof ChannelIdParamsSchema>;

const channelParams = new ZodValidationPipe(ChannelIdParamsSchema);

@Controller('channels')
@Authenticated()
export class ChannelsController {
  constructor(private readonly channelsService: ChannelsService) {}

  @Get()
  listMine(@CurrentUser() caller: AuthUser): Promise<Channel[]> {
    return this.channelsService.listMine(caller);
  }

  @Get('browse')
  browse(
    @CurrentUser() caller: AuthUser,
    @Query(new ZodValidationPipe(BrowseChannelsQuerySchema))
    query: z.output<typeof BrowseChannelsQuerySchema>,
  ): Promise<Channel[]> {
    return this.channelsService.browse(caller, query.q ?? '', query.limit);
  }

  @Post()
  @HttpCode(201)
  create(
    @CurrentUser() caller: AuthUser,
    @Body(new ZodValidationPipe(CreateChannelRequestSchema))
    body: z.output<typeof CreateChannelRequestSchema>,
  ): Promise<Channel> {
    return this.channelsService.create(caller, body);
  }

  @Post('direct')
  @HttpCode(200)
  openDirect(
    @CurrentUser() caller: AuthUser,
    @Body(new ZodValidationPipe(CreateDirectChannelRequestSchema))
    body: z.output<typeof CreateDirectChannelRequestSchema>,
  ): Promise<Channel> {
    return this.channelsService.openDirect(caller, body.userIds);
  }

  @Get(':id')
  get(@CurrentUser() caller: AuthUser, @Param(channelParams) params: ChannelParams): Promise<Channel> {
    return this.channelsService.get(caller, params.id);
  }

  @Patch(':id')
  update(
    @CurrentUser() caller: AuthUser,
    @Param(channelParams) params: ChannelParams,
    @Body(new ZodValidationPipe(UpdateChannelRequestSchema))
    body: z.output<typeof UpdateChannelRequestSchema>,
  ): Promise<Channel> {
    return this.channelsService.update(caller, params.id, body);
  }

  @Post(':id/archive')
  @HttpCode(200)
  archive(@CurrentUser() caller: AuthUser, @Param(channelParams) params: ChannelParams): Promise<Channel> {
    return this.channelsService.archive(caller, params.id);
  }

  @Post(':id/join')
  @HttpCode(200)
  join(@CurrentUser() caller: AuthUser, @Param(channelParams) params: ChannelParams): Promise<Channel> {
    return this.channelsService.join(caller, params.id);
  }

  @Post(':id/leave')
  @HttpCode(204)
  leave(@CurrentUser() caller: AuthUser, @Param(channelParams) params: ChannelParams): Promise<void> {
    return this.channelsService.leave(caller, params.id);
  }

  @Post(':id/read')
  @HttpCode(200)
  markRead(
    @CurrentUser() caller: AuthUser,
    @Param(channelParams) params: ChannelParams,
    @Body(new ZodValidationPipe(MarkReadRequestSchema)) body: z.output<typeof MarkReadRequestSchema>,
  ): Promise<ReadState> {
    return this.channelsService.markRead(caller, params.id, body.seq);
  }

  @Get(':id/members')
  listMembers(
    @CurrentUser() caller: AuthUser,
    @Param(channelParams) params: ChannelParams,
    @Query(new ZodValidationPipe(MembersQuerySchema)) query: z.output<typeof MembersQuerySchema>,
  ): Promise<ChannelMember[]> {
    return this.channelsService.listMembers(caller, params.id, query.after ?? null, query.limit);
  }

  @Post(':id/members')
  @HttpCode(201)
  addMember(
    @CurrentUser() caller: AuthUser,
    @Param(channelParams) params: ChannelParams,
    @Body(new ZodValidationPipe(AddMemberRequestSchema)) body: z.output<typeof AddMemberRequestSchema>,
  ): Promise<ChannelMember> {
    return this.channelsService.addMember(caller, params.id, body.userId);
  }

  @Delete(':id/members/:userId')
  @HttpCode(204)
  removeMember(
    @CurrentUser() caller: AuthUser,
    @Param(new ZodValidationPipe(ChannelMemberParamsSchema))
    params: z.output<typeof ChannelMemberParamsSchema>,
  ): Promise<void> {
    return this.channelsService.removeMember(caller, params.id, params.userId);
  }
}
