import { Controller, Get, Header, Req } from '@nestjs/common';
import type { Request } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '../common/errors/app-error';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/app-config';
import { MetricsService } from './metrics.service';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** `GET /metrics` in Prometheus text format; with METRICS_TOKEN set, only for that bearer token. */
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async scrape(@Req() request: Request): Promise<string> {
    this.authorize(request.header('authorization'));
    request.res?.type(this.metrics.registry.contentType);
    return this.metrics.registry.metrics();
  }

  private authorize(header: string | undefined): void {
    const expected = this.config.metricsToken;
    if (expected === null) return;
    const presented = header ? /^Bearer ([^\s]+)$/i.exec(header)?.[1] : undefined;
    // Compare digests: constant time, whatever the lengths.
    if (!presented || !timingSafeEqual(digest(presented), digest(expected))) {
      throw AppError.unauthorized('A valid metrics token is required');
    }
  }
}
