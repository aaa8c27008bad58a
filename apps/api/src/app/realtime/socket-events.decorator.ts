import { UseFilters, UseGuards, UseInterceptors, applyDecorators } from '@nestjs/common';
import { SocketMetricsInterceptor } from '../metrics/socket-metrics.interceptor';
import { AckRequiredGuard } from './ack-required.guard';
import { WsAckExceptionFilter } from './ws-ack-exception.filter';

/**
 * What every gateway of client events declares (Nest's global enhancers do not reach gateways):
 * events that need an ack refused without one, errors answered through the ack, and each event
 * counted by outcome.
 */
export const SocketEventHandlers = (): ClassDecorator =>
  applyDecorators(
    UseGuards(AckRequiredGuard),
    UseFilters(WsAckExceptionFilter),
    UseInterceptors(SocketMetricsInterceptor),
  );
