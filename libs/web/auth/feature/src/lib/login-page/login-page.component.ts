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
import { LIMITS } from '@supchat/contracts';
import { AuthService, describeApiError, safeReturnUrl } from '@supchat/web/auth/data-access';
import { applyServerFieldErrors, controlError, focusFirstInvalid, trimmed } from '../form-errors';

const LABELS = { email: 'Email', password: 'Password' } as const;
type Field = keyof typeof LABELS;

/** Sign-in form. On success goes to `returnUrl` (a path on this site) or home. */
@Component({
  selector: 'sc-login-page',
  imports: [ReactiveFormsModule, RouterLink],
  templateUrl: './login-page.component.html',
  styleUrl: '../auth-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoginPageComponent {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly injector = inject(Injector);
  private readonly formElement = viewChild.required<ElementRef<HTMLFormElement>>('formElement');

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, trimmed(Validators.email, Validators.maxLength(LIMITS.email.max))]],
    password: ['', [Validators.required, Validators.maxLength(LIMITS.password.max)]],
  });
  protected readonly pending = signal(false);
  protected readonly submitted = signal(false);
  protected readonly errorMessage = signal<string | null>(null);

  protected errorFor(field: Field): string | null {
    const control = this.form.controls[field];
    return controlError(control, LABELS[field], control.touched || this.submitted());
  }

  protected submit(): void {
    void this.signIn();
  }

  private async signIn(): Promise<void> {
    if (this.pending()) return;
    this.submitted.set(true);
    this.errorMessage.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalid(this.formElement().nativeElement);
      return;
    }
    this.pending.set(true);
    const { email, password } = this.form.getRawValue();
    try {
      await this.auth.login({ email: email.trim(), password });
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
