import { Inject, Injectable } from '@nestjs/common';
import type { HealthIndicatorResult } from '@nestjs/terminus';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { DatabaseHandle } from '../database/database-handle';
import { DATABASE_HANDLE, pingDatabase } from '../database/database-handle';

const PING_TIMEOUT_MS = 3_000;

@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(DATABASE_HANDLE) private readonly handle: DatabaseHandle,
  ) {}

  async check(key = 'database'): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    try {
      await pingDatabase(this.handle, PING_TIMEOUT_MS);
      return indicator.up({ engine: this.handle.engine });
    } catch {
      return indicator.down({ engine: this.handle.engine, message: 'database did not answer a ping' });
    }
  }
}
