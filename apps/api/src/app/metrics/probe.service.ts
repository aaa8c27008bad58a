import { Injectable } from '@nestjs/common';
import type { Channel } from '@supchat/contracts';
import type { AuthUser } from '../auth/auth-user';
import { ChannelsService } from '../channels/channels.service';
import { AppError } from '../common/errors/app-error';
import { UsersService } from '../users/users.service';

/**
 * The name of a user's probe channel: usernames may hold dots, channel names may not; usernames are
 * at most 32 characters, so it always fits.
 */
export const probeChannelName = (username: string) => `probe-${username.replace(/[^a-z0-9_-]/g, '-')}`;

/**
 * The message tester's channel: a private channel per admin, named `probe-<username>`, with the
 * admin as its only member, so probes go through the normal send path and disturb nobody.
 */
@Injectable()
export class ProbeService {
  constructor(
    private readonly channels: ChannelsService,
    private readonly users: UsersService,
  ) {}

  async probeChannel(caller: AuthUser): Promise<Channel> {
    const me = await this.users.me(caller);
    const name = probeChannelName(me.username);
    const existing = (await this.channels.listMine(caller)).find(
      (channel) => channel.type === 'private' && channel.name === name,
    );
    if (existing) return existing;
    try {
      return await this.channels.create(caller, {
        name,
        type: 'private',
        topic: 'Probe messages of the monitoring dashboard (message tester)',
      });
    } catch (error) {
      if (error instanceof AppError && error.code === 'CONFLICT') {
        throw AppError.conflict(
          `A channel named "${name}" exists and you are not in it: rename it to use the tester`,
          {
            field: 'name',
          },
        );
      }
      throw error;
    }
  }
}
