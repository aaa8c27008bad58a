import type { TestRequest } from '@angular/common/http/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { TestBed } from '@angular/core/testing';
import type { ChannelMember } from '@supchat/contracts';
import type { FakeChatSocket } from '@supchat/web/chat/data-access';
import { ChannelsStore, MEMBERS_PAGE } from '@supchat/web/chat/data-access';
import type { FeatureHarness } from '../../test/feature-harness';
import {
  ALICE,
  BOB,
  CAROL,
  GENERAL,
  channel,
  member,
  settle,
  setUpFeature,
} from '../../test/feature-harness';
import { MemberListComponent } from './member-list.component';

describe('MemberListComponent', () => {
  let feature: FeatureHarness;
  let fixture: ComponentFixture<MemberListComponent>;
  let socket: FakeChatSocket;
  let host: HTMLElement;
  const general = channel({ id: GENERAL, name: 'general', memberCount: 2 });
  const alice = member(ALICE);

  const membersRequest = (): TestRequest =>
    feature.http.expectOne((request) => request.url === `/api/channels/${GENERAL}/members`);
  const names = () =>
    Array.from(host.querySelectorAll('.members li .grow')).map((li) => li.textContent?.trim());

  async function render(page: ChannelMember[]): Promise<void> {
    TestBed.inject(ChannelsStore).select(GENERAL);
    fixture = TestBed.createComponent(MemberListComponent);
    fixture.componentRef.setInput('channel', general);
    host = fixture.nativeElement;
    document.body.appendChild(host);
    await fixture.whenStable();
    membersRequest().flush(page);
    await settle();
    await fixture.whenStable();
  }

  beforeEach(async () => {
    localStorage.clear();
    feature = setUpFeature();
    await feature.signIn();
    socket = await feature.connect();
    feature.http.expectOne('/api/channels').flush([general]);
    await settle();
  });

  afterEach(() => {
    fixture?.destroy();
    host?.remove();
    feature.http.verify();
  });

  it('shows a member who joined while the list is open (channel-updated with a new count)', async () => {
    await render([alice, member(BOB)]);
    expect(names()).toEqual([expect.stringMatching(/^Alice/), expect.stringMatching(/^Bob/)]);

    socket.serverEmit('channel-updated', { ...general, memberCount: 3 });
    await settle();
    membersRequest().flush([alice, member(BOB), member(CAROL, 'online')]);
    await settle();
    await fixture.whenStable();
    expect(names()).toHaveLength(3);
    expect(names()[2]).toMatch(/^Carol/);
  });

  it('loads the next page when scrolled to its end, and with the More members button', async () => {
    const page = Array.from({ length: MEMBERS_PAGE }, (_, i) =>
      member({
        id: i.toString(16).padStart(24, '0'),
        username: `u${i}`,
        displayName: `User ${i}`,
        avatarUrl: null,
      }),
    );
    await render(page);
    const scroll = (scrollTop: number) => {
      Object.defineProperties(host, {
        scrollHeight: { configurable: true, value: 10_000 },
        clientHeight: { configurable: true, value: 600 },
        scrollTop: { configurable: true, value: scrollTop },
      });
      host.dispatchEvent(new Event('scroll'));
    };
    scroll(1_000);
    await settle();
    expect(feature.http.match((request) => request.url === `/api/channels/${GENERAL}/members`)).toHaveLength(
      0,
    );

    scroll(9_300);
    await settle();
    const next = membersRequest();
    expect(next.request.params.get('after')).toBe(page.at(-1)?.user.id);
    next.flush(
      Array.from({ length: MEMBERS_PAGE }, (_, i) => member({ ...BOB, id: `${i}`.padStart(24, 'f') })),
    );
    await settle();
    await fixture.whenStable();
    expect(names()).toHaveLength(2 * MEMBERS_PAGE);

    (host.querySelector('button.more') as HTMLButtonElement).click();
    membersRequest().flush([member(CAROL)]);
    await settle();
    await fixture.whenStable();
    expect(names()).toHaveLength(2 * MEMBERS_PAGE + 1);
    expect(host.querySelector('button.more')).toBeNull();
  });
});
