import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../common/errors/app-error';
import type { FailureCounter } from '../common/rate-limit/failure-counter';
import { FAILURE_COUNTER } from '../common/rate-limit/failure-counter';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/app-config';

/** Refuses logins after too many recent failures for the same email or from the same IP. */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(FAILURE_COUNTER) private readonly failures: FailureCounter,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  private get windowMs(): number {
    return this.config.loginThrottle.windowSeconds * 1000;
  }

  /** Throws RATE_LIMITED (with retryAfterMs) when either key is over its limit. */
  async assertAllowed(email: string, ip: string): Promise<void> {
    const { maxFailuresPerEmail, maxFailuresPerIp } = this.config.loginThrottle;
    const [byEmail, byIp] = await Promise.all([
      this.failures.status(emailKey(email), maxFailuresPerEmail, this.windowMs),
      this.failures.status(ipKey(ip), maxFailuresPerIp, this.windowMs),
    ]);
    if (byEmail.blocked || byIp.blocked) {
      throw AppError.rateLimited(
        Math.max(byEmail.retryAfterMs, byIp.retryAfterMs),
        'Too many failed login attempts, try again later',
      );
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    await Promise.all([
      this.failures.record(emailKey(email), this.windowMs),
      this.failures.record(ipKey(ip), this.windowMs),
    ]);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.failures.reset(emailKey(email));
  }
}

const emailKey = (email: string) => `login:email:${email.toLowerCase()}`;
const ipKey = (ip: string) => `login:ip:${ip}`;
