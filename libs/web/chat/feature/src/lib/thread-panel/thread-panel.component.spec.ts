import type { ComponentFixture } from '@angular/core/testing';
import { TestBed } from '@angular/core/testing';
import type { Message } from '@supchat/contracts';
import type { FakeChatSocket } from '@supchat/web/chat/data-access';
import { I18nService } from '@supchat/web/shared/i18n';
import type { FeatureHarness } from '../../test/feature-harness';
import { ALICE, GENERAL, channel, message, settle, setUpFeature } from '../../test/feature-harness';
import { ThreadPanelComponent } from './thread-panel.component';

describe('ThreadPanelComponent', () => {
  let feature: FeatureHarness;
  let fixture: ComponentFixture<ThreadPanelComponent>;
  let socket: FakeChatSocket;
  let host: HTMLElement;
  const parent = message({ seq: 1, content: 'Lunch?' });
  let reply: Message;

  beforeEach(async () => {
    localStorage.clear();
    feature = setUpFeature();
    await feature.signIn();
    socket = await feature.connect();
    reply = message({ seq: 2, parentId: parent.id, author: ALICE, content: 'At noom' });
    fixture = TestBed.createComponent(ThreadPanelComponent);
    fixture.componentRef.setInput('parentId', parent.id);
    fixture.componentRef.setInput('channel', channel({ id: GENERAL, name: 'general', lastSeq: 1 }));
    host = fixture.nativeElement;
    document.body.appendChild(host);
    await fixture.whenStable();
    feature.http.expectOne(`/api/messages/${parent.id}`).flush(parent);
    await settle();
    feature.http
      .expectOne((request) => request.url === `/api/messages/${parent.id}/replies`)
      .flush({ messages: [reply], hasMore: false });
    await settle();
    await fixture.whenStable();
  });

  afterEach(() => {
    fixture.destroy();
    host.remove();
  });

  /** The reply (the parent comes first). */
  const row = () => host.querySelectorAll<HTMLElement>('sc-message')[1];
  const tool = (name: string) =>
    row().querySelector<HTMLButtonElement>(
      `[role="toolbar"] button[aria-label="${name}"]`,
    ) as HTMLButtonElement;
  const editBox = () => row().querySelector('textarea') as HTMLTextAreaElement;

  async function saveEdit(text: string): Promise<void> {
    tool('Edit').click();
    await fixture.whenStable();
    editBox().value = text;
    editBox().dispatchEvent(new Event('input'));
    editBox().dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    await fixture.whenStable();
  }

  it('keeps the editor open with the text and says why when an edit is refused', async () => {
    await saveEdit('At noon');
    const [request] = socket.unanswered('edit-message');
    expect(request.payload).toEqual({ messageId: reply.id, content: 'At noon' });
    expect(editBox().readOnly).toBe(true);

    request.reply({ ok: false, error: { code: 'FORBIDDEN', message: 'This channel is archived' } });
    await settle();
    await fixture.whenStable();
    expect(editBox().value).toBe('At noon');
    expect(editBox().readOnly).toBe(false);
    expect(row().querySelector('.editor [role="alert"]')?.textContent?.trim()).toBe(
      'Your edit was not saved. You are not allowed to do that here (the channel may be archived).',
    );
  });

  it('closes the editor once the server took the edit', async () => {
    await saveEdit('At noon');
    const edited = { ...reply, content: 'At noon', rev: 3, editedAt: new Date().toISOString() };
    socket.unanswered('edit-message')[0].reply({ ok: true, data: edited });
    await settle();
    await fixture.whenStable();
    expect(row().querySelector('.editor')).toBeNull();
    expect(row().querySelector('[role="alert"]')).toBeNull();
  });

  it('says so when a deletion fails while offline, in the current language; Dismiss hides it', async () => {
    socket.dropConnection();
    tool('Delete').click();
    await fixture.whenStable();
    (row().querySelector('sc-confirm button.confirm') as HTMLButtonElement).click();
    await settle();
    await fixture.whenStable();
    const alert = () => row().querySelector('.action-failure[role="alert"]')?.textContent ?? '';
    expect(alert()).toContain(
      'The message was not deleted. You are offline or reconnecting: try again once the connection is back.',
    );

    TestBed.inject(I18nService).setLocale('fr');
    await fixture.whenStable();
    expect(alert()).toContain('Le message n’a pas été supprimé.');
    TestBed.inject(I18nService).setLocale('en');

    (row().querySelector('.action-failure button') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(row().querySelector('.action-failure')).toBeNull();
  });

  it('says so when a reaction is refused', async () => {
    tool('Add reaction').click();
    await fixture.whenStable();
    (document.querySelector('sc-emoji-picker button[aria-label^="thumbs up"]') as HTMLButtonElement).click();
    await settle();
    const [request] = socket.unanswered('toggle-reaction');
    request.reply({ ok: false, error: { code: 'CONFLICT', message: 'Too many reactions' } });
    await settle();
    await fixture.whenStable();
    expect(row().querySelector('.action-failure[role="alert"]')?.textContent).toContain(
      'Your reaction was not saved. This message has too many different reactions.',
    );
  });
});
