import type { ComponentFixture } from '@angular/core/testing';
import { TestBed } from '@angular/core/testing';
import type { Channel, Message, SendMessagePayload } from '@supchat/contracts';
import { MessageTesterService } from '@supchat/web/admin/data-access';
import type { FakeChatSocket } from '@supchat/web/chat/data-access';
import type { PageHarness } from '../../test/page-harness';
import { ADA, settle, setUpPage } from '../../test/page-harness';
import { MessageTesterComponent } from './message-tester.component';

const PROBE: Channel = {
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

const plain = (text: string | null | undefined) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let seq = 0;
function stored(payload: SendMessagePayload): Message {
  seq++;
  return {
    id: seq.toString(16).padStart(24, '0'),
    channelId: payload.channelId,
    seq,
    rev: seq,
    authorId: ADA.id,
    author: { id: ADA.id, username: ADA.username, displayName: ADA.displayName, avatarUrl: null },
    content: payload.content,
    mentions: [],
    mentionsChannel: false,
    parentId: null,
    replyCount: 0,
    lastReplyAt: null,
    reactions: [],
    attachments: [],
    clientMessageId: payload.clientMessageId,
    createdAt: '2026-12-01T10:00:00.000Z',
    editedAt: null,
    deletedAt: null,
  };
}

/** The server behind the probe sockets: acks every send at once and delivers it to the receiver. */
function serve(sender: FakeChatSocket, receiver: FakeChatSocket): void {
  const emit = sender.emit.bind(sender);
  sender.emit = (event: string, payload: unknown, ack?: (...args: unknown[]) => void) => {
    emit(event, payload, ack);
    if (event === 'send-message') {
      const request = sender.requests[sender.requests.length - 1];
      const message = stored(payload as SendMessagePayload);
      setTimeout(() => {
        request.reply({ ok: true, data: message });
        receiver.serverEmit('new-message', message);
      }, 2);
    }
    return sender;
  };
}

describe('MessageTesterComponent', () => {
  let page: PageHarness;
  let fixture: ComponentFixture<MessageTesterComponent>;

  beforeEach(async () => {
    localStorage.clear();
    localStorage.setItem('supchat.locale', 'en');
    page = setUpPage([MessageTesterService]);
    await page.signIn();
    fixture = TestBed.createComponent(MessageTesterComponent);
    await fixture.whenStable();
  });

  afterEach(() => page.http.verify());

  const element = () => fixture.nativeElement as HTMLElement;
  const countInput = () => element().querySelector<HTMLInputElement>('#probe-count') as HTMLInputElement;
  const button = (name: RegExp) =>
    [...element().querySelectorAll('button')].find((candidate) => name.test(candidate.textContent ?? '')) ??
    null;

  async function setCount(value: string): Promise<void> {
    countInput().value = value;
    countInput().dispatchEvent(new Event('input'));
    await fixture.whenStable();
  }

  async function startWith(count: string): Promise<void> {
    await setCount(count);
    button(/start test/i)?.click();
    await fixture.whenStable();
    await settle();
  }

  async function until(condition: () => boolean, timeoutMs = 3_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition() && Date.now() < deadline) {
      await sleep(10);
      await fixture.whenStable();
    }
    expect(condition()).toBe(true);
  }

  async function openProbeSockets(): Promise<[FakeChatSocket, FakeChatSocket]> {
    page.http.expectOne('/api/monitoring/probe-channel').flush(PROBE);
    await settle();
    const [sender, receiver] = page.chatSockets;
    serve(sender, receiver);
    for (const socket of [sender, receiver]) {
      socket.acceptHandshake();
      socket.serverEmit('ready', { userId: ADA.id, channelIds: [PROBE.id] });
    }
    await settle();
    return [sender, receiver];
  }

  it('starts with 50 messages and accepts 1 to 500 only', async () => {
    expect(countInput().valueAsNumber).toBe(50);
    await setCount('0');
    expect(button(/start test/i)?.disabled).toBe(true);
    expect(countInput().getAttribute('aria-invalid')).toBe('true');
    await setCount('501');
    expect(button(/start test/i)?.disabled).toBe(true);
    await setCount('500');
    expect(button(/start test/i)?.disabled).toBe(false);
  });

  it('runs the probes and shows percentiles, the lost count and the distribution', async () => {
    await startWith('3');
    const [sender] = await openProbeSockets();
    await until(() => element().querySelector('[data-testid="tester-result"]') !== null);

    expect(
      sender.requestsOf('send-message').map((request) => (request.payload as SendMessagePayload).content),
    ).toEqual(['probe 1/3', 'probe 2/3', 'probe 3/3']);
    const status = plain(element().querySelector('[data-testid="tester-status"]')?.textContent);
    expect(status).toContain('Done.');
    expect(status).toContain('Sent 3 of 3 · acknowledged 3 · received 3');
    expect(status).toContain('Probe channel: #probe-ada');
    expect(plain(element().querySelector('[data-testid="tester-lost"]')?.textContent)).toBe('0');
    const rows = [...element().querySelectorAll('[data-testid="tester-result"] tbody tr')];
    expect(rows.map((row) => plain(row.querySelector('th')?.textContent))).toEqual([
      'Round-trip (send to acknowledgement)',
      'Delivery (send to arrival on a second connection)',
    ]);
    expect(plain(rows[0].lastElementChild?.textContent)).toBe('3');
    // The histogram is drawn with the three round-trips.
    expect(page.charts).toHaveLength(1);
    expect((page.charts[0].values() as number[]).reduce((sum, count) => sum + count, 0)).toBe(3);
    expect(sender.connected).toBe(false);
  });

  it('offers Cancel while running, which stops the run', async () => {
    await startWith('50');
    const [sender] = await openProbeSockets();
    await until(() => sender.requestsOf('send-message').length >= 2);
    expect(button(/start test/i)).toBeNull();
    button(/cancel test/i)?.click();
    await until(() =>
      plain(element().querySelector('[data-testid="tester-status"]')?.textContent).includes('Cancelled.'),
    );
    const sent = sender.requestsOf('send-message').length;
    await sleep(300);
    expect(sender.requestsOf('send-message')).toHaveLength(sent);
    expect(button(/start test/i)).not.toBeNull();
  });

  it('explains a refusal of the probe channel', async () => {
    await startWith('5');
    page.http
      .expectOne('/api/monitoring/probe-channel')
      .flush(
        { statusCode: 403, code: 'FORBIDDEN', message: 'Admins only', requestId: 'r' },
        { status: 403, statusText: 'Forbidden' },
      );
    await until(() => element().querySelector('[role="alert"]') !== null);
    expect(plain(element().querySelector('[role="alert"]')?.textContent)).toBe(
      'Only administrators can run the message tester.',
    );
    expect(page.chatSockets).toHaveLength(0);
  });
});
