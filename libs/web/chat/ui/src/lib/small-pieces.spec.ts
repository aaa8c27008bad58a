import type { Type } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { UserSummary } from '@supchat/contracts';
import { I18nService } from '@supchat/web/shared/i18n';
import { ConfirmComponent } from './confirm/confirm.component';
import { ConnectionBannerComponent } from './connection-banner/connection-banner.component';
import { DaySeparatorComponent } from './day-separator/day-separator.component';
import { NewMessagesDividerComponent } from './new-messages-divider/new-messages-divider.component';
import { TypingIndicatorComponent } from './typing-indicator/typing-indicator.component';
import { UnreadBadgeComponent, badgeCount } from './unread-badge/unread-badge.component';

async function render<T>(component: Type<T>, inputs: Record<string, unknown> = {}) {
  const fixture = TestBed.createComponent(component);
  for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
  await fixture.whenStable();
  return { fixture, element: fixture.nativeElement as HTMLElement };
}

const person = (name: string): UserSummary => ({
  id: name.charAt(0).repeat(24),
  username: name.toLowerCase(),
  displayName: name,
  avatarUrl: null,
});

beforeEach(() => localStorage.clear());

describe('DaySeparatorComponent', () => {
  const now = new Date(2026, 2, 11, 15, 5);

  it.each([
    [new Date(2026, 2, 11, 8), 'Today', 'Aujourd’hui'],
    [new Date(2026, 2, 10, 23), 'Yesterday', 'Hier'],
    [new Date(2026, 2, 7, 9), 'Saturday', 'Samedi'],
    [new Date(2026, 1, 2, 9), 'Monday, February 2', 'Lundi 2 février'],
  ])('labels %s as "%s" / "%s"', async (date, english, french) => {
    const { fixture, element } = await render(DaySeparatorComponent, { date: date.toISOString(), now });
    expect(element.getAttribute('role')).toBe('separator');
    expect(element.getAttribute('aria-label')).toBe(english);
    expect(element.textContent?.trim()).toBe(english);
    TestBed.inject(I18nService).setLocale('fr');
    await fixture.whenStable();
    expect(element.textContent?.trim()).toBe(french);
  });

  it('gives the machine-readable date', async () => {
    const { element } = await render(DaySeparatorComponent, { date: new Date(2026, 1, 2, 9), now });
    expect(element.querySelector('time')?.getAttribute('datetime')).toBe('2026-02-02');
  });
});

describe('NewMessagesDividerComponent', () => {
  it('is a labelled separator', async () => {
    const { fixture, element } = await render(NewMessagesDividerComponent);
    expect(element.getAttribute('role')).toBe('separator');
    expect(element.getAttribute('aria-label')).toBe('New messages');
    TestBed.inject(I18nService).setLocale('fr');
    await fixture.whenStable();
    expect(element.textContent?.trim()).toBe('Nouveaux messages');
  });
});

describe('TypingIndicatorComponent', () => {
  it('is a polite live region, empty when nobody types', async () => {
    const { element } = await render(TypingIndicatorComponent, { users: [] });
    expect(element.getAttribute('aria-live')).toBe('polite');
    expect(element.getAttribute('role')).toBe('status');
    expect(element.textContent?.trim()).toBe('');
  });

  it.each([
    [['Alice'], 'Alice is typing…', 'Alice est en train d’écrire…'],
    [['Alice', 'Bob'], 'Alice and Bob are typing…', 'Alice et Bob sont en train d’écrire…'],
    [['Alice', 'Bob', 'Carol'], 'Several people are typing…', 'Plusieurs personnes sont en train d’écrire…'],
  ])('%j: "%s"', async (names, english, french) => {
    const { fixture, element } = await render(TypingIndicatorComponent, { users: names.map(person) });
    expect(element.querySelector('.text')?.textContent).toBe(english);
    TestBed.inject(I18nService).setLocale('fr');
    await fixture.whenStable();
    expect(element.querySelector('.text')?.textContent).toBe(french);
  });
});

describe('ConnectionBannerComponent', () => {
  it('is hidden and silent when connected, and a status line otherwise', async () => {
    const { fixture, element } = await render(ConnectionBannerComponent, { state: 'connected' });
    expect(element.getAttribute('role')).toBe('status');
    expect(element.classList).toContain('hidden');
    expect(element.textContent?.trim()).toBe('');

    fixture.componentRef.setInput('state', 'reconnecting');
    await fixture.whenStable();
    expect(element.classList).not.toContain('hidden');
    expect(element.textContent?.trim()).toBe('Connection lost. Reconnecting…');

    fixture.componentRef.setInput('state', 'offline');
    await fixture.whenStable();
    expect(element.textContent?.trim()).toBe(
      'You are offline. Messages will be sent once the connection is back.',
    );
    expect(element.querySelector('button')).toBeNull();
  });

  it('offers "Retry now" when asked to', async () => {
    const { fixture, element } = await render(ConnectionBannerComponent, {
      state: 'offline',
      canRetry: true,
    });
    let retries = 0;
    fixture.componentInstance.retry.subscribe(() => retries++);
    element.querySelector('button')?.click();
    expect(retries).toBe(1);
    fixture.componentRef.setInput('state', 'connecting');
    await fixture.whenStable();
    expect(element.querySelector('button')).toBeNull();
    expect(element.textContent?.trim()).toBe('Connecting…');
  });
});

describe('UnreadBadgeComponent', () => {
  it('caps at 99+', () => {
    expect(badgeCount(5)).toBe('5');
    expect(badgeCount(99)).toBe('99');
    expect(badgeCount(100)).toBe('99+');
  });

  it('renders nothing without unread messages', async () => {
    const { element } = await render(UnreadBadgeComponent, { unread: 0, mentions: 0 });
    expect(element.textContent?.trim()).toBe('');
  });

  it('shows the unread count, and says it in words', async () => {
    const { element } = await render(UnreadBadgeComponent, { unread: 150 });
    expect(element.querySelector('.badge')?.textContent).toBe('99+');
    expect(element.querySelector('.badge')?.classList).not.toContain('mention');
    expect(element.querySelector('.visually-hidden')?.textContent).toBe('150 unread messages');
  });

  it('emphasises mentions, showing their count', async () => {
    const { fixture, element } = await render(UnreadBadgeComponent, { unread: 12, mentions: 1 });
    expect(element.querySelector('.badge.mention')?.textContent).toBe('1');
    expect(element.querySelector('.visually-hidden')?.textContent).toBe('12 unread messages, 1 mention');
    TestBed.inject(I18nService).setLocale('fr');
    await fixture.whenStable();
    expect(element.querySelector('.visually-hidden')?.textContent).toBe('12 messages non lus, 1 mention');
  });
});

describe('ConfirmComponent', () => {
  it('asks, focuses Cancel, and reports the answer; Escape cancels', async () => {
    const { fixture, element } = await render(ConfirmComponent, {
      message: 'Leave the channel?',
      confirmLabel: 'Leave',
    });
    document.body.appendChild(element);
    await fixture.whenStable();
    const answers: string[] = [];
    fixture.componentInstance.confirmed.subscribe(() => answers.push('confirmed'));
    fixture.componentInstance.cancelled.subscribe(() => answers.push('cancelled'));

    expect(element.getAttribute('role')).toBe('alertdialog');
    const labelId = element.getAttribute('aria-labelledby') as string;
    expect(element.querySelector(`#${labelId}`)?.textContent).toBe('Leave the channel?');
    const [confirm, cancel] = Array.from(element.querySelectorAll('button'));
    expect(confirm.textContent?.trim()).toBe('Leave');
    expect(cancel.textContent?.trim()).toBe('Cancel');

    confirm.click();
    cancel.click();
    element.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(answers).toEqual(['confirmed', 'cancelled', 'cancelled']);
    element.remove();
  });
});
