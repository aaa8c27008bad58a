import type { ComponentFixture } from '@angular/core/testing';
import { TestBed } from '@angular/core/testing';
import type { FakeMonitorSocket } from '@supchat/web/admin/data-access';
import {
  monitorActivity,
  monitorInstance,
  monitorPoint,
  monitorSnapshot,
} from '@supchat/web/admin/data-access';
import { I18nService } from '@supchat/web/shared/i18n';
import type { PageHarness } from '../../test/page-harness';
import { settle, setUpPage } from '../../test/page-harness';
import { MonitoringPageComponent } from './monitoring-page.component';

const T0 = Date.parse('2026-12-01T10:00:00.000Z');

/** Text with Intl's no-break spaces as plain spaces. */
const plain = (text: string | null | undefined) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();

describe('MonitoringPageComponent', () => {
  let page: PageHarness;
  let fixture: ComponentFixture<MonitoringPageComponent>;
  let socket: FakeMonitorSocket;

  beforeEach(async () => {
    localStorage.clear();
    localStorage.setItem('supchat.locale', 'en');
    page = setUpPage();
    await page.signIn();
    fixture = TestBed.createComponent(MonitoringPageComponent);
    await fixture.whenStable();
    await settle();
    socket = page.monitorSockets[0];
  });

  afterEach(() => page.http.verify());

  const element = () => fixture.nativeElement as HTMLElement;
  const tile = (metric: string) =>
    plain(element().querySelector(`[data-metric="${metric}"] dd`)?.textContent);

  async function push(...snapshots: ReturnType<typeof monitorSnapshot>[]): Promise<void> {
    for (const snapshot of snapshots) socket.serverEmit('snapshot', snapshot);
    await fixture.whenStable();
  }

  it('connects to /monitor with the session token and says when it is live', async () => {
    expect(page.monitorSockets).toHaveLength(1);
    expect(socket.lastToken).toBe('at-admin');
    expect(plain(element().querySelector('.status')?.textContent)).toBe('Connecting…');
    socket.acceptHandshake();
    await fixture.whenStable();
    expect(plain(element().querySelector('.status')?.textContent)).toBe('Live');
  });

  it('shows the numbers of each snapshot in the tiles, as they change', async () => {
    socket.acceptHandshake();
    await push(
      monitorSnapshot(T0, {
        sockets: 3,
        users: 2,
        messagesPerSecond: 0.5,
        messagesStored: 1234,
        errorsPerSecond: 0.02,
        rateLimited: 4,
      }),
    );
    expect(tile('sockets')).toBe('3');
    expect(tile('users')).toBe('2');
    expect(tile('messages-per-second')).toBe('0.5');
    expect(tile('messages-stored')).toBe('1,234');
    expect(tile('errors-per-second')).toBe('0.02');
    expect(tile('rate-limited')).toBe('4');

    await push(monitorSnapshot(T0 + 1_000, { sockets: 7, messagesPerSecond: 12 }));
    expect(tile('sockets')).toBe('7');
    expect(tile('messages-per-second')).toBe('12');
  });

  it('draws three charts once and then updates them in place, one point per snapshot', async () => {
    socket.acceptHandshake();
    socket.serverEmit('history', {
      points: [monitorPoint(T0 - 2_000, { sockets: 1 }), monitorPoint(T0 - 1_000, { sockets: 2 })],
      activity: [],
    });
    await push(monitorSnapshot(T0, { sockets: 3 }));
    expect(page.charts).toHaveLength(3);
    const [sockets, messages, latency] = page.charts;
    expect(sockets.values()).toEqual([1, 2, 3]);
    expect(latency.data.datasets.map((dataset) => dataset.label)).toEqual([
      'Delivery p99',
      'Client round-trip p99',
    ]);

    const updatesBefore = sockets.updates;
    await push(monitorSnapshot(T0 + 1_000, { sockets: 4, messagesPerSecond: 2 }));
    expect(page.charts).toHaveLength(3);
    expect(sockets.updates).toBeGreaterThan(updatesBefore);
    expect(sockets.values()).toEqual([1, 2, 3, 4]);
    expect(messages.values().at(-1)).toBe(2);
    // Screen readers get the numbers the drawing shows.
    expect(sockets.canvas.getAttribute('aria-label')).toBe(
      'Connected sockets: now 4, highest 4 over the last 15 minutes.',
    );
  });

  it('lists latency percentiles, errors by code, instances, process totals and the activity log', async () => {
    socket.acceptHandshake();
    await push(
      monitorSnapshot(T0, {
        persistMs: { count: 40, p50: 1.24, p95: 3, p99: 5.5, max: 9 },
        deliveryMs: { count: 40, p50: 2, p95: 4, p99: 12.4, max: 30 },
        clientRttMs: { count: 12, p50: 18, p95: 40, p99: 61, max: 75 },
        errors: [
          { code: 'VALIDATION_FAILED', count: 2 },
          { code: 'RATE_LIMITED', count: 5 },
        ],
        instances: [
          monitorInstance({
            id: 'api-1',
            hostname: 'node-a',
            pid: 101,
            startedAt: new Date(T0 - 2 * 3_600_000 - 5 * 60_000).toISOString(),
            sockets: 2,
            rssBytes: 100 * 1024 * 1024,
            cpuPercent: 20,
            eventLoopLagP99Ms: 3,
          }),
          monitorInstance({
            id: 'api-2',
            hostname: 'node-b',
            pid: 202,
            rssBytes: 50 * 1024 * 1024,
            cpuPercent: 5,
          }),
        ],
        activity: [
          monitorActivity('2026-12-01T09:59:59.000Z', {
            kind: 'rate-limited',
            username: 'bob',
            operation: 'send-message',
            code: 'RATE_LIMITED',
          }),
        ],
      }),
    );

    const rows = [...element().querySelectorAll('[data-testid="latency-table"] tbody tr')].map((row) =>
      [...row.children].map((cell) => plain(cell.textContent)),
    );
    expect(rows).toEqual([
      ['Persist (database write)', '1.2 ms', '3 ms', '5.5 ms', '9 ms', '40'],
      ['Delivery (server)', '2 ms', '4 ms', '12 ms', '30 ms', '40'],
      ['Client round-trip', '18 ms', '40 ms', '61 ms', '75 ms', '12'],
    ]);

    const errors = [...element().querySelectorAll('[data-testid="errors-table"] tbody tr')].map((row) =>
      [...row.children].map((cell) => plain(cell.textContent)),
    );
    expect(errors).toEqual([
      ['RATE_LIMITED', '5'],
      ['VALIDATION_FAILED', '2'],
    ]);

    const instances = [...element().querySelectorAll('[data-testid="instances-table"] tbody tr')];
    expect(instances).toHaveLength(2);
    const first = [...instances[0].children].map((cell) => plain(cell.textContent));
    expect(first[0]).toBe('api-1');
    expect(first[1]).toBe('node-a · 101');
    expect(first[6]).toBe('100 MB');
    expect(first[8]).toBe('20%');
    expect(first.at(-1)).toBe('2 hr 5 min');

    const process = plain(element().querySelector('[data-testid="process"]')?.textContent);
    expect(process).toContain('150 MB');
    expect(process).toContain('25%');

    const activity = plain(element().querySelector('[data-testid="activity"] li')?.textContent).replace(
      /\s+/g,
      ' ',
    );
    expect(activity).toContain('Rate limited');
    expect(activity).toContain('@bob');
    expect(activity).toContain('send-message');
  });

  it('says clearly when the server refuses the connection, and shows no numbers', async () => {
    socket.refuseHandshake('FORBIDDEN');
    await fixture.whenStable();
    const alert = element().querySelector('[role="alert"]');
    expect(plain(alert?.textContent)).toContain('only administrators can see this dashboard');
    expect(element().querySelector('[data-metric="sockets"]')).toBeNull();
    expect(page.charts.every((chart) => chart.destroyed)).toBe(true);

    // "Try again" opens a new connection.
    (element().querySelector('[data-testid="monitor-refused"] button') as HTMLButtonElement).click();
    await fixture.whenStable();
    await settle();
    expect(page.monitorSockets).toHaveLength(2);
  });

  it('closes the socket and destroys its charts when the page is left', async () => {
    socket.acceptHandshake();
    await push(monitorSnapshot(T0, { sockets: 1 }));
    expect(page.charts).toHaveLength(3);
    fixture.destroy();
    expect(socket.connected).toBe(false);
    expect(page.charts.every((chart) => chart.destroyed)).toBe(true);
  });

  it('speaks French, numbers included, and follows a language switch', async () => {
    socket.acceptHandshake();
    await push(monitorSnapshot(T0, { sockets: 1234, messagesPerSecond: 0.5 }));
    TestBed.inject(I18nService).setLocale('fr');
    await fixture.whenStable();
    expect(plain(element().querySelector('h1')?.textContent)).toBe('Supervision');
    expect(tile('sockets')).toBe('1 234');
    expect(tile('messages-per-second')).toBe('0,5');
    expect(plain(element().querySelector('.status')?.textContent)).toBe('En direct');
  });
});
