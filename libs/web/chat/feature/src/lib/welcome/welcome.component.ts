import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TranslatePipe } from '@supchat/web/shared/i18n';

/** Shown when no channel is open. */
@Component({
  selector: 'sc-welcome',
  imports: [TranslatePipe],
  template: `
    <div class="welcome">
      <h1>{{ 'chat.welcomeTitle' | t }}</h1>
      <p>{{ 'chat.welcomeLead' | t }}</p>
    </div>
  `,
  styles: `
    :host {
      display: flex;
      flex: 1;
    }
    .welcome {
      margin: auto;
      padding: var(--space-8);
      text-align: center;
      color: var(--color-text-muted);
    }
    h1 {
      color: var(--color-text);
      font-size: var(--text-2xl);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WelcomeComponent {}
