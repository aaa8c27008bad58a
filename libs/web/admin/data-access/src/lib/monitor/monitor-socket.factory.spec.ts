import { TestBed } from '@angular/core/testing';
import { MONITOR_NAMESPACE, MONITOR_SOCKET_FACTORY } from './monitor-socket.factory';

describe('MONITOR_SOCKET_FACTORY', () => {
  it('makes a real socket.io client on the /monitor namespace of the page origin, not connected', () => {
    const socket = TestBed.inject(MONITOR_SOCKET_FACTORY)({ autoConnect: false, forceNew: true });
    expect(MONITOR_NAMESPACE).toBe('/monitor');
    expect((socket as unknown as { nsp: string }).nsp).toBe('/monitor');
    expect(socket.connected).toBe(false);
    expect(socket.active).toBe(false);
    socket.close();
  });
});
