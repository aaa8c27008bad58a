import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import type { ErrorCode } from '@supchat/contracts';
import type { Observable } from 'rxjs';
import { finalize, tap } from 'rxjs';
import { AppError } from '../common/errors/app-error';
import { Lifecycle } from '../lifecycle/lifecycle';
import { MetricsService } from '../metrics/metrics.service';
import type { SupchatSocket } from './realtime-emitter';

/**
 * Around every handled client event: counts it by outcome (`ok`, the code of an error ack the
 * handler returned, or the code its thrown error will be acked with: validation included, pipes run
 * inside), and keeps it in flight for the graceful shutdown until it is answered.
 */
@Injectable()
export class SocketEventInterceptor implements NestInterceptor {
  constructor(
    private readonly metrics: MetricsService,
    private readonly lifecycle: Lifecycle,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const ws = context.switchToWs();
    const event = String(ws.getPattern());
    const user = ws.getClient<SupchatSocket>().data?.user ?? null;
    const end = this.lifecycle.begin();
    return next.handle().pipe(
      tap({
        next: (result) => this.metrics.socketEvent(event, outcomeOf(result), user),
        error: (error: unknown) =>
          this.metrics.socketEvent(event, error instanceof AppError ? error.code : 'INTERNAL', user),
      }),
      finalize(end),
    );
  }
}

function outcomeOf(result: unknown): 'ok' | ErrorCode {
  if (result && typeof result === 'object' && (result as { ok?: unknown }).ok === false) {
    return (result as { error: { code: ErrorCode } }).error.code;
  }
  return 'ok';
}
