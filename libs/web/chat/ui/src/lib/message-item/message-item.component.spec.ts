import { TestBed } from '@angular/core/testing';
import type { ComponentFixture } from '@angular/core/testing';
import type { Message, UserSummary } from '@supchat/contracts';
import { I18nService } from '@supchat/web/shared/i18n';
import { MessageItemComponent } from './message-item.component';

const alice: UserSummary = {
  id: 'a'.repeat(24),
  username: 'alice',
  displayName: 'Alice Martin',
  avatarUrl: null,
};
const bob: UserSummary = { id: 'b'.repeat(24), username: 'bob', displayName: 'Bob', avatarUrl: null };
const carol: UserSummary = { id: 'c'.repeat(24), username: 'carol', displayName: 'Carol', avatarUrl: null };

function message(overrides: Partial<Message> = {}): Message {
  return {
    id: '1'.repeat(24),
    channelId: '9'.repeat(24),
    seq: 7,
    rev: 7,
    authorId: alice.id,
    author: alice,
    content: 'Hello **world**',
    mentions: [],
    mentionsChannel: false,
    parentId: null,
    replyCount: 0,
    lastReplyAt: null,
    reactions: [],
    attachments: [],
    clientMessageId: null,
    createdAt: new Date(2026, 2, 11, 15, 5).toISOString(),
    editedAt: null,
    deletedAt: null,
    ...overrides,
  };
}

describe('MessageItemComponent', () => {
  let fixture: ComponentFixture<MessageItemComponent>;
  let host: HTMLElement;
  let emitted: {
    edit: string[];
    delete: number;
    react: string[];
    reply: number;
    retry: number;
    thread: number;
  };

  async function render(inputs: Record<string, unknown> = {}): Promise<void> {
    fixture = TestBed.createComponent(MessageItemComponent);
    fixture.componentRef.setInput('message', message());
    fixture.componentRef.setInput('currentUserId', alice.id);
    fixture.componentRef.setInput('members', [alice, bob, carol]);
    for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
    host = fixture.nativeElement;
    document.body.appendChild(host);
    emitted = { edit: [], delete: 0, react: [], reply: 0, retry: 0, thread: 0 };
    const component = fixture.componentInstance;
    component.edit.subscribe((content) => emitted.edit.push(content));
    component.delete.subscribe(() => emitted.delete++);
    component.react.subscribe((emoji) => emitted.react.push(emoji));
    component.replyInThread.subscribe(() => emitted.reply++);
    component.retry.subscribe(() => emitted.retry++);
    component.openThread.subscribe(() => emitted.thread++);
    await fixture.whenStable();
  }

  beforeEach(() => localStorage.clear());

  afterEach(() => {
    fixture?.destroy();
    host?.remove();
  });

  const text = (selector: string) =>
    host.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
  const tools = () => Array.from(host.querySelectorAll<HTMLButtonElement>('[role="toolbar"] button'));
  const tool = (name: string) => tools().find((button) => button.getAttribute('aria-label') === name);
  const settle = () => fixture.whenStable();

  async function key(target: Element, key: string, init: KeyboardEventInit = {}): Promise<KeyboardEvent> {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
    target.dispatchEvent(event);
    await settle();
    return event;
  }

  it('shows the avatar, author, time (with the full date as a tooltip) and rendered content', async () => {
    await render();
    expect(host.querySelector('sc-avatar')?.textContent?.trim()).toBe('AM');
    expect(text('.author')).toBe('Alice Martin');
    const time = host.querySelector('.meta time') as HTMLTimeElement;
    expect(time.getAttribute('datetime')).toBe(message().createdAt);
    expect(time.textContent?.trim()).toMatch(/^3:05\sPM$/);
    expect(time.title).toMatch(/^Wednesday, March 11, 2026 at 3:05\sPM$/);
    expect(host.querySelector('sc-markdown strong')?.textContent).toBe('world');
  });

  it('grouped: no avatar or name, a time on hover, and the author still given to screen readers', async () => {
    await render({ grouped: true });
    expect(host.querySelector('sc-avatar, .author')).toBeNull();
    expect(host.querySelector('.hover-time')?.textContent?.trim()).toMatch(/^3:05\sPM$/);
    expect(text('.visually-hidden')).toMatch(/^Alice Martin, 3:05\sPM$/);
  });

  it('marks edited messages, with the edit time as a tooltip', async () => {
    await render({ message: message({ editedAt: new Date(2026, 2, 11, 16, 0).toISOString() }) });
    expect(text('.edited')).toBe('(edited)');
    expect(host.querySelector('.edited')?.getAttribute('title')).toMatch(/^Edited Wednesday, March 11, 2026/);
  });

  it('shows a tombstone for a deleted message, without content, reactions or actions', async () => {
    const reactions = [{ emoji: '👍', userIds: [bob.id], count: 1 }];
    await render({ message: message({ deletedAt: new Date().toISOString(), content: '', reactions }) });
    expect(text('.tombstone')).toBe('This message was deleted');
    expect(host.querySelector('sc-markdown, .reactions, [role="toolbar"]')).toBeNull();

    TestBed.inject(I18nService).setLocale('fr');
    await settle();
    expect(text('.tombstone')).toBe('Ce message a été supprimé');
  });

  it('pending: muted, says it is sending, offers no actions', async () => {
    await render({ status: 'pending' });
    expect(host.classList).toContain('pending');
    expect(text('.delivery')).toBe('Sending…');
    expect(host.querySelector('[role="toolbar"]')).toBeNull();
  });

  it('failed: says so and Retry emits retry', async () => {
    await render({ status: 'failed' });
    expect(host.classList).toContain('failed');
    const retry = host.querySelector<HTMLButtonElement>('.delivery button') as HTMLButtonElement;
    expect(text('.delivery')).toBe('Not sent. Retry');
    retry.click();
    expect(emitted.retry).toBe(1);
  });

  describe('reactions', () => {
    const reactions = [
      { emoji: '👍', userIds: [alice.id, bob.id], count: 2 },
      { emoji: '🎉', userIds: [carol.id], count: 1 },
    ];

    it('lists emoji and counts, highlights the reader’s, names who reacted', async () => {
      await render({ message: message({ reactions }) });
      const buttons = Array.from(host.querySelectorAll<HTMLButtonElement>('.reaction:not(.add)'));
      expect(buttons.map((button) => button.textContent?.replace(/\s+/g, ''))).toEqual(['👍2', '🎉1']);
      expect(buttons.map((button) => button.getAttribute('aria-pressed'))).toEqual(['true', 'false']);
      expect(buttons[0].classList).toContain('mine');
      expect(buttons[0].getAttribute('aria-label')).toBe('👍: 2 reactions, including yours');
      expect(buttons[1].getAttribute('aria-label')).toBe('🎉: 1 reaction');
      expect(buttons[0].title).toBe('Reacted by you, Bob');
    });

    it('a click toggles the reaction', async () => {
      await render({ message: message({ reactions }) });
      host.querySelectorAll<HTMLButtonElement>('.reaction')[1].click();
      expect(emitted.react).toEqual(['🎉']);
    });
  });

  describe('threads', () => {
    it('summarises replies and opens the thread', async () => {
      const lastReplyAt = new Date(Date.now() - 5 * 60_000).toISOString();
      await render({ message: message({ replyCount: 3, lastReplyAt }) });
      expect(text('.thread-link')).toBe('3 replies · last reply 5 minutes ago');
      host.querySelector<HTMLButtonElement>('.thread-link')?.click();
      expect(emitted.thread).toBe(1);
    });

    it('shows no summary without replies, or inside the thread', async () => {
      await render();
      expect(host.querySelector('.thread-link')).toBeNull();
      fixture.componentRef.setInput('message', message({ replyCount: 2, lastReplyAt: null }));
      fixture.componentRef.setInput('inThread', true);
      await settle();
      expect(host.querySelector('.thread-link')).toBeNull();
      expect(tool('Reply in thread')).toBeUndefined();
    });
  });

  describe('actions toolbar', () => {
    it('offers React, Reply in thread, Edit and Delete on the reader’s own message', async () => {
      await render();
      const toolbar = host.querySelector('[role="toolbar"]');
      expect(toolbar?.getAttribute('aria-label')).toBe('Message actions');
      expect(tools().map((button) => button.getAttribute('aria-label'))).toEqual([
        'Add reaction',
        'Reply in thread',
        'Edit',
        'Delete',
      ]);
    });

    it('offers no Edit or Delete on someone else’s message, Delete to moderators', async () => {
      await render({ currentUserId: bob.id });
      expect(tools().map((button) => button.getAttribute('aria-label'))).toEqual([
        'Add reaction',
        'Reply in thread',
      ]);
      fixture.componentRef.setInput('canModerate', true);
      await settle();
      expect(tools().map((button) => button.getAttribute('aria-label'))).toEqual([
        'Add reaction',
        'Reply in thread',
        'Delete',
      ]);
    });

    it('is one tab stop; arrow keys, Home and End move between its buttons', async () => {
      await render();
      expect(tools().map((button) => button.tabIndex)).toEqual([0, -1, -1, -1]);
      tools()[0].focus();
      await key(tools()[0], 'ArrowRight');
      expect(document.activeElement).toBe(tools()[1]);
      expect(tools().map((button) => button.tabIndex)).toEqual([-1, 0, -1, -1]);
      await key(tools()[1], 'End');
      expect(document.activeElement).toBe(tools()[3]);
      await key(tools()[3], 'ArrowRight');
      expect(document.activeElement).toBe(tools()[0]);
      await key(tools()[0], 'ArrowLeft');
      expect(document.activeElement).toBe(tools()[3]);
    });

    it('Reply in thread emits replyInThread', async () => {
      await render();
      tool('Reply in thread')?.click();
      expect(emitted.reply).toBe(1);
    });

    it('shows the toolbar after a tap on the row (touch screens)', async () => {
      await render();
      host.querySelector('.body')?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      await settle();
      expect(host.classList).toContain('active');
    });
  });

  describe('delete', () => {
    it('asks for confirmation, focusing Cancel; Cancel emits nothing and returns focus', async () => {
      await render();
      tool('Delete')?.click();
      await settle();
      const dialog = host.querySelector('sc-confirm') as HTMLElement;
      expect(dialog.getAttribute('role')).toBe('alertdialog');
      expect(dialog.textContent).toContain('Delete this message? This cannot be undone.');
      expect(document.activeElement?.textContent?.trim()).toBe('Cancel');

      (document.activeElement as HTMLButtonElement).click();
      await settle();
      expect(host.querySelector('sc-confirm')).toBeNull();
      expect(emitted.delete).toBe(0);
      expect(document.activeElement).toBe(tool('Delete'));
    });

    it('emits delete once confirmed', async () => {
      await render();
      tool('Delete')?.click();
      await settle();
      host.querySelector<HTMLButtonElement>('sc-confirm .confirm')?.click();
      await settle();
      expect(emitted.delete).toBe(1);
      expect(host.querySelector('sc-confirm')).toBeNull();
    });

    it('Escape cancels the confirmation', async () => {
      await render({ currentUserId: bob.id, canModerate: true });
      tool('Delete')?.click();
      await settle();
      await key(document.activeElement as Element, 'Escape');
      expect(host.querySelector('sc-confirm')).toBeNull();
      expect(emitted.delete).toBe(0);
    });
  });

  describe('inline edit', () => {
    const editBox = () => host.querySelector<HTMLTextAreaElement>('.editor textarea') as HTMLTextAreaElement;

    async function startEditing(): Promise<void> {
      tool('Edit')?.click();
      await settle();
    }

    async function typeInEditor(value: string): Promise<void> {
      editBox().value = value;
      editBox().dispatchEvent(new Event('input'));
      await settle();
    }

    it('opens with the content, focused; Enter saves the trimmed text', async () => {
      await render();
      await startEditing();
      expect(editBox().value).toBe('Hello **world**');
      expect(document.activeElement).toBe(editBox());
      expect(editBox().getAttribute('aria-label')).toBe('Edit message');
      expect(host.querySelector('[role="toolbar"]')).toBeNull();

      await typeInEditor('  Hello there ');
      const enter = await key(editBox(), 'Enter');
      expect(enter.defaultPrevented).toBe(true);
      expect(emitted.edit).toEqual(['Hello there']);
      // Open until the parent says the server took it (or why it did not).
      expect(fixture.componentInstance.editing()).toBe(true);
      fixture.componentRef.setInput('editing', false);
      await settle();
      expect(host.querySelector('.editor')).toBeNull();
    });

    it('while saving: read-only, busy, Save disabled, and a second Enter sends nothing more', async () => {
      await render();
      await startEditing();
      await typeInEditor('Hello there');
      await key(editBox(), 'Enter');
      fixture.componentRef.setInput('saving', true);
      await settle();
      expect(editBox().readOnly).toBe(true);
      expect(editBox().getAttribute('aria-busy')).toBe('true');
      const save = host.querySelector<HTMLButtonElement>('.editor-footer .primary') as HTMLButtonElement;
      expect(save.disabled).toBe(true);
      expect(save.textContent?.trim()).toBe('Saving…');
      await key(editBox(), 'Enter');
      expect(emitted.edit).toEqual(['Hello there']);
    });

    it('a failed save shows why inside the editor (an alert) and keeps the text to try again', async () => {
      await render();
      await startEditing();
      await typeInEditor('Hello there');
      await key(editBox(), 'Enter');
      fixture.componentRef.setInput('saving', true);
      await settle();
      fixture.componentRef.setInput('saving', false);
      fixture.componentRef.setInput('failure', 'Your edit was not saved. You are offline.');
      await settle();
      const alert = host.querySelector('.editor [role="alert"]') as HTMLElement;
      expect(alert.textContent?.trim()).toBe('Your edit was not saved. You are offline.');
      expect(editBox().getAttribute('aria-describedby')).toContain(alert.id);
      expect(editBox().value).toBe('Hello there');
      expect(editBox().readOnly).toBe(false);
      await key(editBox(), 'Enter');
      expect(emitted.edit).toEqual(['Hello there', 'Hello there']);
    });

    it('Shift+Enter adds a line instead of saving', async () => {
      await render();
      await startEditing();
      const event = await key(editBox(), 'Enter', { shiftKey: true });
      expect(event.defaultPrevented).toBe(false);
      expect(emitted.edit).toEqual([]);
    });

    it('Escape cancels without saving', async () => {
      await render();
      await startEditing();
      await typeInEditor('changed');
      await key(editBox(), 'Escape');
      expect(emitted.edit).toEqual([]);
      expect(host.querySelector('.editor')).toBeNull();
      expect(host.querySelector('sc-markdown')?.textContent).toContain('Hello');
    });

    it('refuses to save an empty message and says why', async () => {
      await render();
      await startEditing();
      await typeInEditor('   ');
      await key(editBox(), 'Enter');
      expect(emitted.edit).toEqual([]);
      expect(text('.edit-error')).toBe('A message cannot be empty. Use Delete to remove it.');
      expect(editBox().getAttribute('aria-invalid')).toBe('true');
    });

    it('closes without emitting when nothing changed', async () => {
      await render();
      await startEditing();
      await key(editBox(), 'Enter');
      expect(emitted.edit).toEqual([]);
      expect(host.querySelector('.editor')).toBeNull();
    });

    it('can be opened from outside through the editing input (Up in the composer)', async () => {
      await render({ editing: true });
      expect(editBox().value).toBe('Hello **world**');
    });
  });

  it('shows a failed action under the message as an alert; Dismiss emits dismissFailure', async () => {
    await render({ failure: 'The message was not deleted. The message no longer exists.' });
    const alert = host.querySelector('.action-failure[role="alert"]') as HTMLElement;
    expect(alert.textContent).toContain('The message was not deleted. The message no longer exists.');
    let dismissed = 0;
    fixture.componentInstance.dismissFailure.subscribe(() => dismissed++);
    (alert.querySelector('button') as HTMLButtonElement).click();
    expect(dismissed).toBe(1);
  });

  describe('emoji picker', () => {
    const picker = () => document.querySelector('sc-emoji-picker');

    it('React opens the picker; picking an emoji emits react, closes it and refocuses the button', async () => {
      await render();
      const react = tool('Add reaction') as HTMLButtonElement;
      react.click();
      await settle();
      expect(picker()).not.toBeNull();
      expect(react.getAttribute('aria-expanded')).toBe('true');

      picker()?.querySelector<HTMLButtonElement>('button[aria-label="thumbs up"]')?.click();
      await settle();
      expect(emitted.react).toEqual(['👍']);
      expect(picker()).toBeNull();
      expect(document.activeElement).toBe(react);
    });

    it('Escape closes the picker', async () => {
      await render();
      tool('Add reaction')?.click();
      await settle();
      await key(picker()?.querySelector('input') as Element, 'Escape');
      expect(picker()).toBeNull();
      expect(emitted.react).toEqual([]);
    });

    it('the add button of the reactions bar opens it too', async () => {
      await render({ message: message({ reactions: [{ emoji: '👍', userIds: [bob.id], count: 1 }] }) });
      host.querySelector<HTMLButtonElement>('.reaction.add')?.click();
      await settle();
      expect(picker()).not.toBeNull();
    });
  });

  it('highlights a message that mentions the reader or the channel, not the reader’s own', async () => {
    await render({ currentUserId: bob.id, message: message({ mentions: [bob.id], content: 'hey @bob' }) });
    expect(host.classList).toContain('mentioned');
    expect(host.querySelector('.mention-self')?.textContent).toBe('@bob');

    fixture.componentRef.setInput('message', message({ mentionsChannel: true, content: '@here' }));
    await settle();
    expect(host.classList).toContain('mentioned');

    fixture.componentRef.setInput('currentUserId', alice.id);
    await settle();
    expect(host.classList).not.toContain('mentioned');
  });
});
