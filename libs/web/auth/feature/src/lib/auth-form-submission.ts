import type { AbstractControl, FormGroup } from '@angular/forms';
import { Injector, afterNextRender, inject, signal } from '@angular/core';
import { ActivatedRoute, Router } from '@angular/router';
import { describeApiError, safeReturnUrl } from '@supchat/web/auth/data-access';
import { applyServerFieldErrors, controlError, focusFirstInvalid } from './form-errors';

/**
 * The submit cycle shared by the sign-in and registration forms: client-side validation first, one
 * request at a time, server field errors put on their controls, focus moved to the first bad field,
 * and on success a redirect to `returnUrl` (a path on this site) or home. Create it in a field
 * initializer (it injects the router).
 */
export class AuthFormSubmission<C extends Record<string, AbstractControl>> {
  readonly pending = signal(false);
  readonly submitted = signal(false);
  readonly errorMessage = signal<string | null>(null);

  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly injector = inject(Injector);

  constructor(
    private readonly form: FormGroup<C>,
    private readonly labels: Readonly<Record<keyof C & string, string>>,
    private readonly formElement: () => HTMLFormElement,
  ) {}

  /** The message to show under `field`, once it was touched or the form was submitted. */
  errorFor(field: keyof C & string): string | null {
    const control = this.form.controls[field];
    return controlError(control, this.labels[field], control.touched || this.submitted());
  }

  /** Validates, then runs `request` (the API call) unless one is already pending. */
  async submit(request: () => Promise<unknown>): Promise<void> {
    if (this.pending()) return;
    this.submitted.set(true);
    this.errorMessage.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalid(this.formElement());
      return;
    }
    this.pending.set(true);
    try {
      await request();
      await this.router.navigateByUrl(safeReturnUrl(this.route.snapshot.queryParamMap.get('returnUrl')));
    } catch (error) {
      const view = describeApiError(error, { fieldLabels: this.labels });
      const fields = applyServerFieldErrors(this.form.controls, view);
      this.errorMessage.set(view.message);
      if (fields.length > 0) {
        afterNextRender(() => focusFirstInvalid(this.formElement(), fields), { injector: this.injector });
      }
    } finally {
      this.pending.set(false);
    }
  }
}
