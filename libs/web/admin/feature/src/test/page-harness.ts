import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import type { Provider } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { AuthResponse, User } from '@supchat/contracts';
import type { FakeMonitorSocket } from '@supchat/web/admin/data-access';
import { provideFakeMonitorSocket } from '@supchat/web/admin/data-access';
import { AUTH_ENDPOINTS, AuthService, authInterceptor } from '@supchat/web/auth/data-access';
import type { FakeChatSocket } from '@supchat/web/chat/data-access';
import { provideFakeChatSocket } from '@supchat/web/chat/data-access';
import type { FakeChart } from './fake-charts';
import { provideFakeCharts } from './fake-charts';

export const ADA: User = {
  id: 'a'.repeat(24),
  username: 'ada',
  displayName: 'Ada',
  avatarUrl: null,
  email: 'ada@example.com',
  role: 'admin',
  createdAt: '2026-01-01T00:00:00.000Z',
};

export async function settle(): Promise<void> {
  for (let i = 0; i < 30; i++) await Promise.resolve();
}

export interface PageHarness {
  http: HttpTestingController;
  charts: FakeChart[];
  monitorSockets: FakeMonitorSocket[];
  chatSockets: FakeChatSocket[];
  signIn(): Promise<void>;
}

export function setUpPage(extraProviders: Provider[] = []): PageHarness {
  const charts = provideFakeCharts();
  const monitor = provideFakeMonitorSocket();
  const chat = provideFakeChatSocket();
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      provideHttpClient(withInterceptors([authInterceptor])),
      provideHttpClientTesting(),
      ...charts.providers,
      ...monitor.providers,
      ...chat.providers,
      ...extraProviders,
    ],
  });
  const http = TestBed.inject(HttpTestingController);
  return {
    http,
    charts: charts.charts,
    monitorSockets: monitor.sockets,
    chatSockets: chat.sockets,
    async signIn() {
      const done = TestBed.inject(AuthService).login({ email: ADA.email, password: 'correct horse' });
      const response: AuthResponse = {
        user: ADA,
        accessToken: 'at-admin',
        refreshToken: 'rt',
        expiresIn: 900,
      };
      http.expectOne(AUTH_ENDPOINTS.login).flush(response);
      await done;
      TestBed.tick();
    },
  };
}
