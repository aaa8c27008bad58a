/**
 * Admin data access: the live dashboard's `/monitor` socket and the message tester. Both are provided
 * by the page (`providers: [MonitorSocketService, MessageTesterService]`), so their sockets live as
 * long as the page does.
 */
export { MonitoringApiService } from './lib/monitoring-api.service';
export {
  ACTIVITY_CAP,
  SERIES_CAP,
  SERIES_WINDOW_MS,
  appendPoint,
  mergeHistory,
  prependActivity,
} from './lib/monitor/monitor-series';
export { MONITOR_NAMESPACE, MONITOR_SOCKET_FACTORY } from './lib/monitor/monitor-socket.factory';
export type {
  MonitorSocket,
  MonitorSocketFactory,
  MonitorSocketOptions,
} from './lib/monitor/monitor-socket.factory';
export {
  MONITOR_RECONNECT_DELAY,
  MONITOR_TOKEN_MARGIN_MS,
  MonitorSocketService,
} from './lib/monitor/monitor-socket.service';
export type { MonitorConnectionState } from './lib/monitor/monitor-socket.service';
export {
  MessageTesterService,
  PROBE_ACK_TIMEOUT_MS,
  PROBE_LOSS_TIMEOUT_MS,
  PROBE_READY_TIMEOUT_MS,
  PROBE_SEND_INTERVAL_MS,
} from './lib/tester/message-tester.service';
export type {
  ProbeError,
  ProbeFailure,
  ProbePhase,
  ProbeProgress,
  ProbeResult,
} from './lib/tester/message-tester.service';
export { histogram, percentile, summarize } from './lib/tester/probe-stats';
export type { HistogramBucket } from './lib/tester/probe-stats';
export { FakeMonitorSocket, provideFakeMonitorSocket } from './lib/testing/fake-monitor-socket';
export {
  NO_LATENCY,
  monitorActivity,
  monitorInstance,
  monitorPoint,
  monitorSnapshot,
} from './lib/testing/monitor-fixtures';
