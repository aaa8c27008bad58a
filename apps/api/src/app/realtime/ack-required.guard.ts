import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import { ACK_OPTIONAL_EVENTS } from '@supchat/contracts';
import { AppError } from '../common/errors/app-error';

const OPTIONAL = new Set<string>(ACK_OPTIONAL_EVENTS);

/**
 * Refuses client events that need an ack but came without a callback: the client could never learn
 * whether its send, edit or delete happened, so nothing happens (DESIGN section 2).
 */
@Injectable()
export class AckRequiredGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    // Nest calls gateway handlers with (socket, data, ack?, pattern).
    const ack: unknown = context.getArgByIndex(2);
    if (typeof ack === 'function' || OPTIONAL.has(String(context.switchToWs().getPattern()))) return true;
    throw AppError.validation([{ path: '', message: 'this event needs an acknowledgement callback' }]);
  }
}
