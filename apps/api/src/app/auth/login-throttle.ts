import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../common/errors/app-error';
import type { FailureCounter } from '../common/rate-limit/failure-counter';
import { FAILURE_COUNTER } from '../common/rate-limit/failure-counter';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/app-config';

/** A login attempt counted against its email and IP until it succeeds. */
export interface LoginAttempt {
  email: string;
  ip: string;
  emailAttempt: string;
  ipAttempt: string;
}

/**
 * Refuses logins after too many recent failures for the same email or from the same IP. Every
 * attempt counts as a failure until it succeeds, so attempts fired in parallel cannot all get past
 * the check before the first failure is recorded.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(FAILURE_COUNTER) private readonly failures: FailureCounter,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** Counts an attempt, or throws RATE_LIMITED (with retryAfterMs) when either key is over its limit. */
  async begin(email: string, ip: string): Promise<LoginAttempt> {
    const { maxFailuresPerEmail, maxFailuresPerIp, windowSeconds } = this.config.loginThrottle;
    const windowMs = windowSeconds * 1000;
    const [byEmail, byIp] = await Promise.all([
      this.failures.attempt(emailKey(email), maxFailuresPerEmail, windowMs),
      this.failures.attempt(ipKey(ip), maxFailuresPerIp, windowMs),
    ]);
    if (!byEmail.attemptId || !byIp.attemptId) {
      // A refused attempt is not a failure of the other key either.
      if (byEmail.attemptId) await this.failures.withdraw(emailKey(email), byEmail.attemptId);
      if (byIp.attemptId) await this.failures.withdraw(ipKey(ip), byIp.attemptId);
      throw AppError.rateLimited(
        Math.max(byEmail.retryAfterMs, byIp.retryAfterMs),
        'Too many failed login attempts, try again later',
      );
    }
    return { email, ip, emailAttempt: byEmail.attemptId, ipAttempt: byIp.attemptId };
  }

  /** The attempt succeeded: the email starts afresh, and the attempt no longer counts against the IP. */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    await Promise.all([
      this.failures.reset(emailKey(attempt.email)),
      this.failures.withdraw(ipKey(attempt.ip), attempt.ipAttempt),
    ]);
  }
}

const emailKey = (email: string) => `login:email:${email.toLowerCase()}`;
const ipKey = (ip: string) => `login:ip:${ip}`;
