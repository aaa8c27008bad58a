import { UseFilters, UseInterceptors, applyDecorators } from '@nestjs/common';
import { SocketMetricsInterceptor } from '../metrics/socket-metrics.interceptor';
import { WsAckExceptionFilter } from './ws-ack-exception.filter';

/**
 * What every gateway of client events declares (Nest's global enhancers do not reach gateways):
 * errors answered through the ack, and each event counted by outcome.
 */
export const SocketEventHandlers = (): ClassDecorator =>
  applyDecorators(UseFilters(WsAckExceptionFilter), UseInterceptors(SocketMetricsInterceptor));
