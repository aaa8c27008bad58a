import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { Ack } from '@supchat/contracts';
import { ClientStatsPayloadSchema, LIMITS } from '@supchat/contracts';
import type { z } from 'zod';
import { AppError } from '../common/errors/app-error';
import { ZodValidationPipe } from '../common/validation/zod-validation.pipe';
import { ackOk } from '../realtime/ack';
import type { SupchatSocket } from '../realtime/realtime-emitter';
import { SocketEventHandlers } from '../realtime/socket-events.decorator';
import { MetricsService } from './metrics.service';

/** A socket may report at most this often (browsers report every 30 s). */
export const CLIENT_STATS_MIN_INTERVAL_MS = LIMITS.clientStats.intervalMs / 3;

const lastReport = new WeakMap<SupchatSocket, number>();

/** `client-stats`: the ack round-trips a browser measured, into the client latency histogram. */
@WebSocketGateway()
@SocketEventHandlers()
export class ClientStatsGateway {
  constructor(private readonly metrics: MetricsService) {}

  @SubscribeMessage('client-stats')
  report(
    @ConnectedSocket() socket: SupchatSocket,
    @MessageBody(new ZodValidationPipe(ClientStatsPayloadSchema))
    payload: z.output<typeof ClientStatsPayloadSchema>,
  ): Ack<null> {
    const now = Date.now();
    const last = lastReport.get(socket);
    if (last !== undefined && now - last < CLIENT_STATS_MIN_INTERVAL_MS) {
      throw AppError.rateLimited(
        last + CLIENT_STATS_MIN_INTERVAL_MS - now,
        'Client stats are reported too often',
      );
    }
    lastReport.set(socket, now);
    this.metrics.clientRoundTrips(payload.ackRttMs);
    return ackOk(null);
  }
}
