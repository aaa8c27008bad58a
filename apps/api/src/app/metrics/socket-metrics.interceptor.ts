import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import type { ErrorCode } from '@supchat/contracts';
import type { Observable } from 'rxjs';
import { tap } from 'rxjs';
import { AppError } from '../common/errors/app-error';
import type { SupchatSocket } from '../realtime/realtime-emitter';
import { MetricsService } from './metrics.service';

/**
 * Counts every handled client event by outcome: `ok`, the code of an error ack the handler returned,
 * or the code its thrown error will be acked with (validation included: pipes run inside).
 */
@Injectable()
export class SocketMetricsInterceptor implements NestInterceptor {
  constructor(private readonly metrics: MetricsService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const ws = context.switchToWs();
    const event = String(ws.getPattern());
    const user = ws.getClient<SupchatSocket>().data?.user ?? null;
    return next.handle().pipe(
      tap({
        next: (result) => this.metrics.socketEvent(event, outcomeOf(result), user),
        error: (error: unknown) =>
          this.metrics.socketEvent(event, error instanceof AppError ? error.code : 'INTERNAL', user),
      }),
    );
  }
}

function outcomeOf(result: unknown): 'ok' | ErrorCode {
  if (result && typeof result === 'object' && (result as { ok?: unknown }).ok === false) {
    return (result as { error: { code: ErrorCode } }).error.code;
  }
  return 'ok';
}
