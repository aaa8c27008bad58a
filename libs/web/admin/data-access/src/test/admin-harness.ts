import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import type { EnvironmentInjector, Provider, Type } from '@angular/core';
import { EnvironmentInjector as EnvironmentInjectorToken, createEnvironmentInjector } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { AuthResponse, Channel, User } from '@supchat/contracts';
import { AUTH_ENDPOINTS, AuthService, authInterceptor } from '@supchat/web/auth/data-access';
import type { FakeChatSocket } from '@supchat/web/chat/data-access';
import { provideFakeChatSocket } from '@supchat/web/chat/data-access';
import type { FakeMonitorSocket } from '../lib/testing/fake-monitor-socket';
import { provideFakeMonitorSocket } from '../lib/testing/fake-monitor-socket';

export const ADA: User = {
  id: 'a'.repeat(24),
  username: 'ada',
  displayName: 'Ada',
  avatarUrl: null,
  email: 'ada@example.com',
  role: 'admin',
  createdAt: '2026-01-01T00:00:00.000Z',
};

export const PROBE_CHANNEL: Channel = {
  id: 'e'.repeat(24),
  name: 'probe-ada',
  topic: null,
  type: 'private',
  memberCount: 1,
  lastSeq: 0,
  lastRev: 0,
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: ADA.id,
  archivedAt: null,
  lastReadSeq: 0,
  unreadCount: 0,
  mentionCount: 0,
};

/** Lets promise chains run (with real and fake timers). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 30; i++) await Promise.resolve();
}

/** A JWT-shaped token (unsigned) issued `issuedSecondsAgo` ago that expires `inSeconds` from now. */
export function jwtExpiringIn(inSeconds: number, issuedSecondsAgo = 840): string {
  const now = Math.floor(Date.now() / 1000);
  const payload = btoa(JSON.stringify({ sub: ADA.id, iat: now - issuedSecondsAgo, exp: now + inSeconds }))
    .replace(/=+$/, '')
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
  return `e30.${payload}.sig`;
}

export function authResponse(accessToken: string, refreshToken = 'rt-1', user: User = ADA): AuthResponse {
  return { user, accessToken, refreshToken, expiresIn: 900 };
}

export interface AdminHarness {
  http: HttpTestingController;
  auth: AuthService;
  chatSockets: FakeChatSocket[];
  monitorSockets: FakeMonitorSocket[];
  signIn(accessToken?: string, user?: User): Promise<void>;
  /** A page-like injector holding `service` (destroy it to leave the page). */
  page<T>(service: Type<T>): { service: T; injector: EnvironmentInjector };
}

export function setUpAdmin(extraProviders: Provider[] = []): AdminHarness {
  const chat = provideFakeChatSocket();
  const monitor = provideFakeMonitorSocket();
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(withInterceptors([authInterceptor])),
      provideHttpClientTesting(),
      ...chat.providers,
      ...monitor.providers,
      ...extraProviders,
    ],
  });
  const http = TestBed.inject(HttpTestingController);
  const auth = TestBed.inject(AuthService);
  return {
    http,
    auth,
    chatSockets: chat.sockets,
    monitorSockets: monitor.sockets,
    async signIn(accessToken = 'at-1', user = ADA) {
      const done = auth.login({ email: user.email, password: 'correct horse' });
      http.expectOne(AUTH_ENDPOINTS.login).flush(authResponse(accessToken, 'rt-1', user));
      await done;
      TestBed.tick();
      await settle();
    },
    page<T>(service: Type<T>) {
      const injector = createEnvironmentInjector([service], TestBed.inject(EnvironmentInjectorToken));
      return { service: injector.get(service), injector };
    },
  };
}
