import type { ArgumentsHost, WsExceptionFilter } from '@nestjs/common';
import { Catch, Logger } from '@nestjs/common';
import { AppError } from '../common/errors/app-error';
import { ackForError } from './ack';
import type { SupchatSocket } from './realtime-emitter';

/**
 * The gateways' exception filter: every failed client event is answered through its ack callback
 * with `{ok: false, error: {code, message, details?}}`; unexpected errors are logged here (never with
 * the payload, which may hold message contents) and leave as INTERNAL.
 */
@Catch()
export class WsAckExceptionFilter implements WsExceptionFilter {
  private readonly logger = new Logger('WsAckExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    // Nest calls gateway handlers with (socket, data, ack?, pattern).
    const socket = host.getArgByIndex<SupchatSocket>(0);
    const ack: unknown = host.getArgByIndex(2);
    if (!(exception instanceof AppError)) {
      const event = host.switchToWs().getPattern();
      this.logger.error({
        msg: 'socket event failed',
        event: String(event),
        socketId: socket?.id,
        userId: socket?.data?.user?.id,
        err: exception,
      });
    }
    if (typeof ack === 'function') (ack as (response: unknown) => void)(ackForError(exception));
  }
}
