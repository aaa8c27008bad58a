import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { LIMITS } from '@supchat/contracts';
import type { Server, ServerOptions } from 'socket.io';
import type { AppConfig } from '../config/app-config';

/**
 * Socket.IO with SUPCHAT's transport settings: path `/socket.io`, a 64 KiB frame limit, and
 * browser origins limited to CORS_ORIGINS (+ PUBLIC_URL).
 */
export class SupchatIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const merged: Partial<ServerOptions> = {
      ...options,
      path: '/socket.io',
      maxHttpBufferSize: LIMITS.socketFrameBytes,
      serveClient: false,
      cors: { origin: this.config.corsOrigins, credentials: false },
    };
    return super.createIOServer(port, merged as ServerOptions);
  }
}
