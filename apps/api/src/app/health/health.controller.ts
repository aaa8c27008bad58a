import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import type { HealthCheckResult, HealthIndicatorFunction } from '@nestjs/terminus';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  MemoryHealthIndicator,
} from '@nestjs/terminus';
import type { Response } from 'express';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/app-config';
import { Lifecycle } from '../lifecycle/lifecycle';
import { DatabaseHealthIndicator } from './database.health';
import { RedisHealthIndicator } from './redis.health';

/** Public health endpoints in terminus format: 200 when every check is up, 503 otherwise. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly memory: MemoryHealthIndicator,
    private readonly database: DatabaseHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly lifecycle: Lifecycle,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** Every check. */
  @Get()
  @HealthCheck()
  check(@Res({ passthrough: true }) response: Response): Promise<HealthCheckResult> {
    return this.run(response, [...this.dependencyChecks(), this.heapCheck()]);
  }

  /** The process is up and its heap is within bounds (restart it otherwise). */
  @Get('live')
  @HealthCheck()
  live(@Res({ passthrough: true }) response: Response): Promise<HealthCheckResult> {
    return this.run(response, [this.heapCheck()]);
  }

  /** The process can serve: its database (and Redis, when configured) answer. */
  @Get('ready')
  @HealthCheck()
  ready(@Res({ passthrough: true }) response: Response): Promise<HealthCheckResult> {
    return this.run(response, this.dependencyChecks());
  }

  private dependencyChecks(): HealthIndicatorFunction[] {
    const checks: HealthIndicatorFunction[] = [
      () => this.database.check('database'),
      // Draining for a shutdown: not ready, so balancers send new clients elsewhere.
      () => {
        const indicator = this.indicators.check('shutdown');
        return this.lifecycle.draining ? indicator.down({ message: 'shutting down' }) : indicator.up();
      },
    ];
    if (this.redis.enabled) checks.push(() => this.redis.check('redis'));
    return checks;
  }

  private heapCheck(): HealthIndicatorFunction {
    return () => this.memory.checkHeap('memory_heap', this.config.healthMaxHeapBytes);
  }

  /** Terminus throws 503 with the result as its body; send that body as is, not as an API error. */
  private async run(response: Response, checks: HealthIndicatorFunction[]): Promise<HealthCheckResult> {
    try {
      return await this.health.check(checks);
    } catch (error) {
      if (error instanceof ServiceUnavailableException) {
        response.status(503);
        return error.getResponse() as HealthCheckResult;
      }
      throw error;
    }
  }
}
