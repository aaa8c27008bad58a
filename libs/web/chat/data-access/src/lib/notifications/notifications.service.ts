import { DOCUMENT, DestroyRef, Injectable, effect, inject, signal } from '@angular/core';
import type { NotificationEvent } from '@supchat/contracts';
import type { Observable } from 'rxjs';
import { Subject } from 'rxjs';
import { I18nService } from '@supchat/web/shared/i18n';
import { ChannelsStore } from '../channels/channels.store';
import { ChatSocketService } from '../socket/chat-socket.service';

export type NotificationPermissionState = NotificationPermission | 'unsupported';

export const APP_TITLE = 'SUPCHAT';
const UNREAD_PREFIX = /^\(\d+\) /;

/**
 * Browser notifications for `notification` events while the page is hidden (title: sender and
 * channel, in the UI language; body: the preview; a click focuses the window and opens the channel), and the unread
 * count in the tab title: "(N) <title>". The title the router sets (e.g. "SUPCHAT") is kept; only the
 * "(N) " prefix is managed here, and put back when something else changes the title.
 */
@Injectable({ providedIn: 'root' })
export class NotificationsService {
  private readonly document = inject(DOCUMENT);
  private readonly channels = inject(ChannelsStore);
  private readonly socket = inject(ChatSocketService);
  private readonly i18n = inject(I18nService);
  private readonly permissionState = signal<NotificationPermissionState>(currentPermission(this.document));
  private readonly openRequests = new Subject<string>();

  /** Whether browser notifications may be shown. */
  readonly permission = this.permissionState.asReadonly();
  /** Channel ids whose notification was clicked (the channel is selected too; route to it). */
  readonly openChannel$: Observable<string> = this.openRequests.asObservable();

  constructor() {
    const subscription = this.socket.events('notification').subscribe((event) => this.show(event));
    effect(() => this.applyTitle(this.channels.totalUnread()));
    const observer = this.watchTitle();
    inject(DestroyRef).onDestroy(() => {
      subscription.unsubscribe();
      observer?.disconnect();
    });
  }

  /** Asks for permission; call it from a user gesture (a click). */
  async requestPermission(): Promise<NotificationPermissionState> {
    const api = notificationApi(this.document);
    if (!api) return 'unsupported';
    const result = await api.requestPermission();
    this.permissionState.set(result);
    return result;
  }

  private show(event: NotificationEvent): void {
    const api = notificationApi(this.document);
    if (!api || !this.document.hidden || api.permission !== 'granted') return;
    const channel = this.channels.byId()[event.channelId];
    const name = event.from.displayName;
    const title =
      channel === undefined || channel.type === 'direct'
        ? name
        : this.i18n.t('notifications.titleInChannel', { name, channel: channel.name });
    const notification = new api(title, {
      body: event.preview,
      tag: event.messageId,
      icon: event.from.avatarUrl ?? undefined,
    });
    notification.onclick = () => {
      this.document.defaultView?.focus();
      this.channels.select(event.channelId);
      this.openRequests.next(event.channelId);
      notification.close();
    };
  }

  private applyTitle(unread: number): void {
    const base = this.document.title.replace(UNREAD_PREFIX, '') || APP_TITLE;
    const title = unread > 0 ? `(${unread}) ${base}` : base;
    if (this.document.title !== title) this.document.title = title;
  }

  /** Puts the prefix back when the router (or anything else) sets a new title. */
  private watchTitle(): MutationObserver | null {
    const view = this.document.defaultView;
    if (!view || typeof view.MutationObserver !== 'function' || !this.document.head) return null;
    const observer = new view.MutationObserver(() => this.applyTitle(this.channels.totalUnread()));
    observer.observe(this.document.head, { subtree: true, childList: true, characterData: true });
    return observer;
  }
}

function notificationApi(document: Document): typeof Notification | null {
  const api = (document.defaultView as (Window & { Notification?: typeof Notification }) | null)
    ?.Notification;
  return typeof api === 'function' ? api : null;
}

function currentPermission(document: Document): NotificationPermissionState {
  return notificationApi(document)?.permission ?? 'unsupported';
}
