import { Injectable } from '@nestjs/common';
import type { ErrorCode, MonitorActivity } from '@supchat/contracts';
import { CLIENT_EVENTS } from '@supchat/contracts';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AuthUser } from '../auth/auth-user';
import { ActivityLog } from './activity-log';
import { INSTANCE_ID } from './instance';
import { LatencyHistogram } from './latency-histogram';
import { SlidingWindow } from './sliding-window';

/** What the dashboard aggregates per second. */
export interface SecondStats {
  persist: LatencyHistogram;
  delivery: LatencyHistogram;
  clientRtt: LatencyHistogram;
  messages: number;
  errors: Map<ErrorCode, number>;
  rateLimited: number;
}

function newSecond(): SecondStats {
  return {
    persist: new LatencyHistogram(),
    delivery: new LatencyHistogram(),
    clientRtt: new LatencyHistogram(),
    messages: 0,
    errors: new Map(),
    rateLimited: 0,
  };
}

function resetSecond(stats: SecondStats): void {
  stats.persist.reset();
  stats.delivery.reset();
  stats.clientRtt.reset();
  stats.messages = 0;
  stats.errors.clear();
  stats.rateLimited = 0;
}

export function mergeSeconds(into: SecondStats, from: SecondStats): void {
  into.persist.merge(from.persist);
  into.delivery.merge(from.delivery);
  into.clientRtt.merge(from.clientRtt);
  into.messages += from.messages;
  for (const [code, count] of from.errors) into.errors.set(code, (into.errors.get(code) ?? 0) + count);
  into.rateLimited += from.rateLimited;
}

/** The window the dashboard's latencies and error counts cover. */
export const STATS_WINDOW_SECONDS = 60;

export type Transport = 'socket' | 'http';

const KNOWN_EVENTS = new Set<string>(CLIENT_EVENTS);
const MS_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const RTT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * SUPCHAT's measurements, kept twice: as Prometheus metrics (`/metrics`, cumulative, for scrapers)
 * and as one-second slots of the last minute (the live dashboard). Labels carry event names, route
 * templates, operations and error codes only, never ids, so the number of series stays bounded.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly activity = new ActivityLog();
  readonly window = new SlidingWindow<SecondStats>(STATS_WINDOW_SECONDS, newSecond, resetSecond);

  private readonly socketsGauge: Gauge;
  private readonly usersGauge: Gauge;
  private readonly socketEvents: Counter<'event' | 'outcome'>;
  private readonly persistSeconds: Histogram;
  private readonly fanoutSeconds: Histogram;
  private readonly deliverySeconds: Histogram;
  private readonly clientRttSeconds: Histogram;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly dbDuration: Histogram<'operation' | 'engine'>;
  private readonly rateLimitedTotal: Counter<'transport' | 'operation'>;
  private readonly errorsTotal: Counter<'code' | 'transport'>;
  private readonly writeRecoveries: Counter<'outcome'>;
  private readonly messagesStored: Gauge;
  private countStored: (() => Promise<number>) | null = null;

  /** Open sockets per user on this instance. */
  private readonly socketsByUser = new Map<string, number>();
  private sockets = 0;

  constructor() {
    this.registry.setDefaultLabels({});
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 10 });
    const registers = [this.registry];
    this.socketsGauge = new Gauge({
      name: 'supchat_sockets_connected',
      help: 'Socket.IO connections open on this instance',
      registers,
    });
    this.usersGauge = new Gauge({
      name: 'supchat_active_users',
      help: 'Distinct users with at least one socket on this instance',
      registers,
    });
    this.socketEvents = new Counter({
      name: 'supchat_socket_events_total',
      help: 'Client socket events handled, by event and outcome (ok or an error code)',
      labelNames: ['event', 'outcome'],
      registers,
    });
    this.persistSeconds = new Histogram({
      name: 'supchat_message_persist_seconds',
      help: 'Time to store a new message',
      buckets: MS_BUCKETS,
      registers,
    });
    this.fanoutSeconds = new Histogram({
      name: 'supchat_message_fanout_seconds',
      help: 'Time to hand a new message to the Socket.IO rooms (and the adapter)',
      buckets: MS_BUCKETS,
      registers,
    });
    this.deliverySeconds = new Histogram({
      name: 'supchat_message_delivery_seconds',
      help: 'From the server receiving a send to its broadcast leaving the server',
      buckets: MS_BUCKETS,
      registers,
    });
    this.clientRttSeconds = new Histogram({
      name: 'supchat_client_ack_rtt_seconds',
      help: 'Send acknowledgement round-trips measured by browsers (client-stats)',
      buckets: RTT_BUCKETS,
      registers,
    });
    this.httpDuration = new Histogram({
      name: 'supchat_http_request_duration_seconds',
      help: 'HTTP requests by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      // Finer around 5 ms, where a history page's target lies (PERFORMANCE.md): percentiles are
      // interpolated inside a bucket.
      buckets: [0.001, 0.0025, 0.004, 0.005, 0.0075, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.dbDuration = new Histogram({
      name: 'supchat_db_operation_seconds',
      help: 'Repository operations by operation and storage engine',
      labelNames: ['operation', 'engine'],
      buckets: MS_BUCKETS,
      registers,
    });
    this.rateLimitedTotal = new Counter({
      name: 'supchat_rate_limited_total',
      help: 'Requests refused with RATE_LIMITED, by transport and operation',
      labelNames: ['transport', 'operation'],
      registers,
    });
    this.errorsTotal = new Counter({
      name: 'supchat_errors_total',
      help: 'Error responses and acks by contract error code and transport',
      labelNames: ['code', 'transport'],
      registers,
    });
    this.writeRecoveries = new Counter({
      name: 'supchat_channel_write_recoveries_total',
      help: 'Unfinished channel writes looked at again: rebroadcast (changes sent again), nothing (none to send), failed',
      labelNames: ['outcome'],
      registers,
    });
    this.messagesStored = new Gauge({
      name: 'supchat_messages_stored',
      help: 'Messages in the database (every channel, tombstones included)',
      registers,
      // Read at each scrape (a cheap count: see MessagesRepository.count).
      collect: async () => {
        if (this.countStored) this.messagesStored.set(await this.countStored());
      },
    });
  }

  /** An unfinished channel write (its holder died or failed) was looked at again. */
  writeRecovered(outcome: 'rebroadcast' | 'nothing' | 'failed'): void {
    this.writeRecoveries.inc({ outcome });
  }

  /** How to count stored messages (the messages module knows). */
  countStoredWith(count: () => Promise<number>): void {
    this.countStored = count;
  }

  get connectedSockets(): number {
    return this.sockets;
  }

  get activeUsers(): number {
    return this.socketsByUser.size;
  }

  socketConnected(user: AuthUser): void {
    this.sockets += 1;
    this.socketsByUser.set(user.id, (this.socketsByUser.get(user.id) ?? 0) + 1);
    this.socketsGauge.set(this.sockets);
    this.usersGauge.set(this.socketsByUser.size);
    this.log('connect', user, null, null);
  }

  socketDisconnected(user: AuthUser): void {
    const remaining = (this.socketsByUser.get(user.id) ?? 0) - 1;
    if (remaining < 0) return;
    this.sockets -= 1;
    if (remaining === 0) this.socketsByUser.delete(user.id);
    else this.socketsByUser.set(user.id, remaining);
    this.socketsGauge.set(this.sockets);
    this.usersGauge.set(this.socketsByUser.size);
    this.log('disconnect', user, null, null);
  }

  /** A handled client event and how it ended ('ok' or the error code of its ack). */
  socketEvent(event: string, outcome: 'ok' | ErrorCode, user: AuthUser | null): void {
    const name = KNOWN_EVENTS.has(event) ? event : 'unknown';
    this.socketEvents.inc({ event: name, outcome });
    if (outcome !== 'ok') this.error('socket', name, outcome, user);
  }

  /** An HTTP error response. */
  httpError(route: string, code: ErrorCode, user: AuthUser | null): void {
    this.error('http', route, code, user);
  }

  messagePersisted(seconds: number): void {
    this.persistSeconds.observe(seconds);
    this.window.current().persist.record(seconds * 1000);
  }

  /** A new message handed to its rooms: `fanoutSeconds` the emits, `deliverySeconds` since receipt. */
  messageDelivered(fanoutSeconds: number, deliverySeconds: number): void {
    this.fanoutSeconds.observe(fanoutSeconds);
    this.deliverySeconds.observe(deliverySeconds);
    const second = this.window.current();
    second.delivery.record(deliverySeconds * 1000);
    second.messages += 1;
  }

  clientRoundTrips(samplesMs: readonly number[]): void {
    const second = this.window.current();
    for (const ms of samplesMs) {
      this.clientRttSeconds.observe(ms / 1000);
      second.clientRtt.record(ms);
    }
  }

  private error(transport: Transport, operation: string, code: ErrorCode, user: AuthUser | null): void {
    this.errorsTotal.inc({ code, transport });
    const second = this.window.current();
    second.errors.set(code, (second.errors.get(code) ?? 0) + 1);
    if (code === 'RATE_LIMITED') {
      this.rateLimitedTotal.inc({ transport, operation });
      second.rateLimited += 1;
    }
    // Every refused request would flood the log with routine 401s and 404s: keep what an operator acts on.
    if (code === 'RATE_LIMITED' || code === 'INTERNAL' || code === 'FORBIDDEN' || transport === 'socket') {
      this.log(code === 'RATE_LIMITED' ? 'rate-limited' : 'error', user, operation, code);
    }
  }

  private log(
    kind: MonitorActivity['kind'],
    user: AuthUser | null,
    operation: string | null,
    code: ErrorCode | null,
  ): void {
    this.activity.add({
      at: new Date().toISOString(),
      instanceId: INSTANCE_ID,
      kind,
      userId: user?.id ?? null,
      // Filled in by the monitor when it sends the entry: no lookup on the hot path.
      username: null,
      operation,
      code,
    });
  }
}
