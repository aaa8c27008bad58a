import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { AuthService } from '@supchat/web/auth/data-access';
import { LanguageSwitcherComponent, TranslatePipe } from '@supchat/web/shared/i18n';

/** The signed-in landing page; the chat UI will replace its body. */
@Component({
  selector: 'sc-home-page',
  imports: [TranslatePipe, LanguageSwitcherComponent],
  templateUrl: './home-page.component.html',
  styleUrl: './home-page.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HomePageComponent {
  private readonly auth = inject(AuthService);

  protected readonly user = this.auth.user;
  protected readonly signingOut = signal(false);

  protected signOut(): void {
    if (this.signingOut()) return;
    this.signingOut.set(true);
    // The session ends locally at once; provideAuth() then navigates to the login page.
    void this.auth.logout().finally(() => this.signingOut.set(false));
  }
}
