import type { ElementRef } from '@angular/core';
import { ChangeDetectionStrategy, Component, inject, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { LIMITS } from '@supchat/constants';
import { AuthService } from '@supchat/web/auth/data-access';
import type { TranslationKey } from '@supchat/web/shared/i18n';
import { LanguageSwitcherComponent, TranslatePipe } from '@supchat/web/shared/i18n';
import { AuthFormSubmission } from '../auth-form-submission';
import { trimmed } from '../form-errors';

const LABELS = {
  email: 'auth.fields.email',
  password: 'auth.fields.password',
} as const satisfies Record<string, TranslationKey>;
type Field = keyof typeof LABELS;

/** Sign-in form. On success goes to `returnUrl` (a path on this site) or home. */
@Component({
  selector: 'sc-login-page',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, LanguageSwitcherComponent],
  templateUrl: './login-page.component.html',
  styleUrl: '../auth-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoginPageComponent {
  private readonly auth = inject(AuthService);
  private readonly formElement = viewChild.required<ElementRef<HTMLFormElement>>('formElement');

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, trimmed(Validators.email, Validators.maxLength(LIMITS.email.max))]],
    password: ['', [Validators.required, Validators.maxLength(LIMITS.password.max)]],
  });
  private readonly submission = new AuthFormSubmission(
    this.form,
    LABELS,
    () => this.formElement().nativeElement,
    'login',
  );
  protected readonly labels = LABELS;
  protected readonly pending = this.submission.pending;
  protected readonly errorMessage = this.submission.errorMessage;

  protected errorFor(field: Field): string | null {
    return this.submission.errorFor(field);
  }

  protected submit(): void {
    void this.submission.submit(() => {
      const { email, password } = this.form.getRawValue();
      return this.auth.login({ email: email.trim(), password });
    });
  }
}
