import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterOutlet } from '@angular/router';
import { AuthService } from '@supchat/web/auth/data-access';
import { ChatSocketService, NotificationsService } from '@supchat/web/chat/data-access';
import { ConnectionBannerComponent } from '@supchat/web/chat/ui';
import { LanguageSwitcherComponent, TranslatePipe } from '@supchat/web/shared/i18n';
import { filter } from 'rxjs';
import { LiveAnnouncer } from '../live-announcer';
import { SidebarComponent } from '../sidebar/sidebar.component';

/** The signed-in layout: top bar, channel sidebar (a drawer on narrow screens), the open channel. */
@Component({
  selector: 'sc-chat-shell',
  imports: [
    RouterOutlet,
    RouterLink,
    SidebarComponent,
    ConnectionBannerComponent,
    LanguageSwitcherComponent,
    TranslatePipe,
  ],
  templateUrl: './chat-shell.component.html',
  styleUrl: './chat-shell.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChatShellComponent {
  private readonly auth = inject(AuthService);
  private readonly socket = inject(ChatSocketService);
  private readonly notifications = inject(NotificationsService);
  private readonly router = inject(Router);

  protected readonly user = this.auth.user;
  /** Admins get a link to the live dashboard (the server still checks, this only hides it from others). */
  protected readonly isAdmin = computed(() => this.auth.user()?.role === 'admin');
  protected readonly connection = this.socket.state;
  protected readonly announcement = inject(LiveAnnouncer).message;
  protected readonly sidebarOpen = signal(false);
  protected readonly signingOut = signal(false);
  protected readonly permission = this.notifications.permission;
  protected readonly canEnableNotifications = computed(() => this.permission() === 'default');

  constructor() {
    const destroyRef = inject(DestroyRef);
    this.router.events
      .pipe(
        filter((event) => event instanceof NavigationEnd),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe(() => this.sidebarOpen.set(false));
    this.notifications.openChannel$
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe((channelId) => void this.router.navigate(['/c', channelId]));
  }

  protected toggleSidebar(): void {
    this.sidebarOpen.update((open) => !open);
  }

  protected enableNotifications(): void {
    void this.notifications.requestPermission();
  }

  protected async signOut(): Promise<void> {
    this.signingOut.set(true);
    try {
      await this.auth.logout();
      await this.router.navigateByUrl('/login');
    } finally {
      this.signingOut.set(false);
    }
  }
}
