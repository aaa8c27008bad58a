import type { ElementRef } from '@angular/core';
import { ChangeDetectionStrategy, Component, inject, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import type { RegisterRequest } from '@supchat/contracts';
import { LIMITS } from '@supchat/constants';
import { AuthService } from '@supchat/web/auth/data-access';
import type { TranslationKey } from '@supchat/web/shared/i18n';
import { LanguageSwitcherComponent, TranslatePipe } from '@supchat/web/shared/i18n';
import { AuthFormSubmission } from '../auth-form-submission';
import { trimmed, usernameCharacters } from '../form-errors';

const LABELS = {
  email: 'auth.fields.email',
  username: 'auth.fields.username',
  displayName: 'auth.fields.displayName',
  password: 'auth.fields.password',
} as const satisfies Record<string, TranslationKey>;
type Field = keyof typeof LABELS;

/** Account creation; the rules mirror the contract's RegisterRequest so most mistakes never reach the server. */
@Component({
  selector: 'sc-register-page',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, LanguageSwitcherComponent],
  templateUrl: './register-page.component.html',
  styleUrl: '../auth-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RegisterPageComponent {
  private readonly auth = inject(AuthService);
  private readonly formElement = viewChild.required<ElementRef<HTMLFormElement>>('formElement');

  protected readonly limits = LIMITS;
  protected readonly labels = LABELS;
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, trimmed(Validators.email, Validators.maxLength(LIMITS.email.max))]],
    username: [
      '',
      [
        Validators.required,
        usernameCharacters,
        trimmed(Validators.minLength(LIMITS.username.min), Validators.maxLength(LIMITS.username.max)),
      ],
    ],
    displayName: ['', [trimmed(Validators.maxLength(LIMITS.displayName.max))]],
    password: [
      '',
      [
        Validators.required,
        Validators.minLength(LIMITS.password.min),
        Validators.maxLength(LIMITS.password.max),
      ],
    ],
  });
  private readonly submission = new AuthFormSubmission(
    this.form,
    LABELS,
    () => this.formElement().nativeElement,
    'register',
  );
  protected readonly pending = this.submission.pending;
  protected readonly errorMessage = this.submission.errorMessage;

  protected errorFor(field: Field): string | null {
    return this.submission.errorFor(field);
  }

  protected submit(): void {
    void this.submission.submit(() => {
      const { email, username, displayName, password } = this.form.getRawValue();
      const request: RegisterRequest = { email: email.trim(), username: username.trim(), password };
      if (displayName.trim()) request.displayName = displayName.trim();
      return this.auth.register(request);
    });
  }
}
