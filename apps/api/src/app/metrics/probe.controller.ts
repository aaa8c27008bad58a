import { Controller, HttpCode, Post } from '@nestjs/common';
import type { Channel } from '@supchat/contracts';
import type { AuthUser } from '../auth/auth-user';
import { Authenticated } from '../auth/decorators/authenticated.decorator';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { ProbeService } from './probe.service';

@Controller('monitoring')
@Authenticated({ admin: true })
export class ProbeController {
  constructor(private readonly probe: ProbeService) {}

  /** The caller's private probe channel for the dashboard's message tester, created on first use. */
  @Post('probe-channel')
  @HttpCode(200)
  probeChannel(@CurrentUser() caller: AuthUser): Promise<Channel> {
    return this.probe.probeChannel(caller);
  }
}
