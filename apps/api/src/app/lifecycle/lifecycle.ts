import { Global, Injectable, Module } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/**
 * What the process is busy with, and whether it is shutting down: the graceful shutdown waits for
 * the work in flight (HTTP requests and socket events) before closing connections, and readiness
 * turns down while draining so balancers stop sending new clients here.
 */
@Injectable()
export class Lifecycle {
  private active = 0;
  private idleWaiters: (() => void)[] = [];
  private isDraining = false;

  get draining(): boolean {
    return this.isDraining;
  }

  get inFlight(): number {
    return this.active;
  }

  startDraining(): void {
    this.isDraining = true;
  }

  /** Marks one piece of work started; call the returned function once when it ends. */
  begin(): () => void {
    this.active += 1;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.active -= 1;
      if (this.active === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    };
  }

  /** Resolves when nothing is in flight, or after `timeoutMs` (true: it went idle). */
  waitIdle(timeoutMs: number): Promise<boolean> {
    if (this.active === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.idleWaiters = this.idleWaiters.filter((waiter) => waiter !== wake);
        resolve(false);
      }, timeoutMs);
      const wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.idleWaiters.push(wake);
    });
  }
}

@Global()
@Module({ providers: [Lifecycle], exports: [Lifecycle] })
export class LifecycleModule {}

/** Keeps every HTTP request in flight until its response is sent (or its connection drops). */
export function inFlightMiddleware(lifecycle: Lifecycle) {
  return (_request: Request, response: Response, next: NextFunction): void => {
    const end = lifecycle.begin();
    response.once('finish', end);
    response.once('close', end);
    next();
  };
}
