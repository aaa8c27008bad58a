import type {
  LatencySummary,
  MonitorActivity,
  MonitorInstance,
  MonitorPoint,
  MonitorSnapshot,
} from '@supchat/contracts';

/** Test data shaped like the server's `/monitor` events. */
export const NO_LATENCY: LatencySummary = { count: 0, p50: null, p95: null, p99: null, max: null };

export function monitorPoint(at: string | number, overrides: Partial<MonitorPoint> = {}): MonitorPoint {
  return {
    at: typeof at === 'number' ? new Date(at).toISOString() : at,
    sockets: 0,
    users: 0,
    messagesPerSecond: 0,
    deliveryP99Ms: null,
    clientRttP99Ms: null,
    errorsPerSecond: 0,
    ...overrides,
  };
}

export function monitorInstance(overrides: Partial<MonitorInstance> = {}): MonitorInstance {
  return {
    id: 'instance-1',
    hostname: 'host-a',
    pid: 4242,
    startedAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-01T10:15:00.000Z',
    sockets: 0,
    users: 0,
    messagesPerSecond: 0,
    deliveryP99Ms: null,
    rssBytes: 120 * 1024 * 1024,
    heapUsedBytes: 60 * 1024 * 1024,
    cpuPercent: 3.5,
    eventLoopLagP99Ms: 1.2,
    ...overrides,
  };
}

export function monitorActivity(at: string, overrides: Partial<MonitorActivity> = {}): MonitorActivity {
  return {
    at,
    instanceId: 'instance-1',
    kind: 'connect',
    userId: null,
    username: null,
    operation: null,
    code: null,
    ...overrides,
  };
}

export function monitorSnapshot(
  at: string | number,
  overrides: Partial<MonitorSnapshot> = {},
): MonitorSnapshot {
  const iso = typeof at === 'number' ? new Date(at).toISOString() : at;
  const sockets = overrides.sockets ?? 0;
  const messagesPerSecond = overrides.messagesPerSecond ?? 0;
  return {
    at: iso,
    windowSeconds: 60,
    sockets,
    users: 0,
    messagesPerSecond,
    messagesStored: 0,
    persistMs: NO_LATENCY,
    deliveryMs: NO_LATENCY,
    clientRttMs: NO_LATENCY,
    errors: [],
    errorsPerSecond: 0,
    rateLimited: 0,
    instances: [monitorInstance({ sockets, messagesPerSecond })],
    point: monitorPoint(iso, { sockets, messagesPerSecond }),
    activity: [],
    ...overrides,
  };
}
