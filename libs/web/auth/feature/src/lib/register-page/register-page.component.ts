import type { ElementRef } from '@angular/core';
import {
  ChangeDetectionStrategy,
  Component,
  Injector,
  afterNextRender,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type { RegisterRequest } from '@supchat/contracts';
import { LIMITS } from '@supchat/contracts';
import { AuthService, describeApiError, safeReturnUrl } from '@supchat/web/auth/data-access';
import {
  applyServerFieldErrors,
  controlError,
  focusFirstInvalid,
  trimmed,
  usernameCharacters,
} from '../form-errors';

const LABELS = {
  email: 'Email',
  username: 'Username',
  displayName: 'Display name',
  password: 'Password',
} as const;
type Field = keyof typeof LABELS;

/** Account creation; the rules mirror the contract's RegisterRequest so most mistakes never reach the server. */
@Component({
  selector: 'sc-register-page',
  imports: [ReactiveFormsModule, RouterLink],
  templateUrl: './register-page.component.html',
  styleUrl: '../auth-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RegisterPageComponent {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly injector = inject(Injector);
  private readonly formElement = viewChild.required<ElementRef<HTMLFormElement>>('formElement');

  protected readonly limits = LIMITS;
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
  protected readonly pending = signal(false);
  protected readonly submitted = signal(false);
  protected readonly errorMessage = signal<string | null>(null);

  protected errorFor(field: Field): string | null {
    const control = this.form.controls[field];
    return controlError(control, LABELS[field], control.touched || this.submitted());
  }

  protected submit(): void {
    void this.createAccount();
  }

  private async createAccount(): Promise<void> {
    if (this.pending()) return;
    this.submitted.set(true);
    this.errorMessage.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalid(this.formElement().nativeElement);
      return;
    }
    this.pending.set(true);
    const { email, username, displayName, password } = this.form.getRawValue();
    const request: RegisterRequest = { email: email.trim(), username: username.trim(), password };
    if (displayName.trim()) request.displayName = displayName.trim();
    try {
      await this.auth.register(request);
      await this.router.navigateByUrl(safeReturnUrl(this.route.snapshot.queryParamMap.get('returnUrl')));
    } catch (error) {
      const view = describeApiError(error, { fieldLabels: LABELS });
      const fields = applyServerFieldErrors(this.form.controls, view);
      this.errorMessage.set(view.message);
      if (fields.length > 0) {
        afterNextRender(() => focusFirstInvalid(this.formElement().nativeElement, fields), {
          injector: this.injector,
        });
      }
    } finally {
      this.pending.set(false);
    }
  }
}
