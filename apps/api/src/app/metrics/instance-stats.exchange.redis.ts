import type { Redis } from 'ioredis';
import { KEY_PREFIX } from '../redis/lua-script';
import type { InstanceReport, InstanceStatsExchange } from './instance-stats.exchange';

const M = `${KEY_PREFIX}monitor:`;
/** A report older than this is from an instance that stopped: it drops out of the dashboard. */
const REPORT_TTL_MS = 5_000;

/** Every instance's latest report in Redis, each expiring unless renewed (once a second). */
export class RedisInstanceStatsExchange implements InstanceStatsExchange {
  constructor(
    private readonly redis: Redis,
    private readonly instanceId: string,
  ) {}

  async publish(report: InstanceReport): Promise<void> {
    await this.redis
      .multi()
      .set(`${M}report:${this.instanceId}`, JSON.stringify(report), 'PX', REPORT_TTL_MS)
      .sadd(`${M}instances`, this.instanceId)
      .exec();
  }

  async reports(): Promise<InstanceReport[]> {
    const ids = await this.redis.smembers(`${M}instances`);
    if (ids.length === 0) return [];
    const values = await this.redis.mget(ids.map((id) => `${M}report:${id}`));
    const gone = ids.filter((_, index) => values[index] === null);
    if (gone.length > 0) await this.redis.srem(`${M}instances`, ...gone);
    return values
      .filter((value): value is string => value !== null)
      .map((value) => JSON.parse(value) as InstanceReport);
  }

  async withdraw(): Promise<void> {
    await this.redis
      .multi()
      .del(`${M}report:${this.instanceId}`)
      .srem(`${M}instances`, this.instanceId)
      .exec();
  }
}
