import { InjectionToken } from '@angular/core';
import type {
  MONITOR_NAMESPACE as CONTRACT_MONITOR_NAMESPACE,
  MonitorClientToServerEvents,
  MonitorServerToClientEvents,
} from '@supchat/contracts';
import type { ManagerOptions, Socket, SocketOptions } from 'socket.io-client';
import { io } from 'socket.io-client';

/**
 * The live dashboard's namespace. Typed against the contract's constant (whose module also holds zod
 * schemas the browser should not bundle), so a rename there fails to compile here.
 */
export const MONITOR_NAMESPACE: typeof CONTRACT_MONITOR_NAMESPACE = '/monitor';

/** A socket on `/monitor`, typed with the contract's event maps (the dashboard only listens). */
export type MonitorSocket = Socket<MonitorServerToClientEvents, MonitorClientToServerEvents>;
export type MonitorSocketOptions = Partial<ManagerOptions & SocketOptions>;
export type MonitorSocketFactory = (options: MonitorSocketOptions) => MonitorSocket;

/**
 * Creates the `/monitor` socket (not connected: the options carry `autoConnect: false`) on the page's
 * own origin; tests provide a fake.
 */
export const MONITOR_SOCKET_FACTORY = new InjectionToken<MonitorSocketFactory>('MONITOR_SOCKET_FACTORY', {
  providedIn: 'root',
  factory: () => (options) => io(MONITOR_NAMESPACE, options),
});
