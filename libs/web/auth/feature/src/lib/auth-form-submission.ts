import type { AbstractControl, FormGroup } from '@angular/forms';
import { Injector, afterNextRender, computed, inject, signal } from '@angular/core';
import { ActivatedRoute, Router } from '@angular/router';
import type { ApiErrorView } from '@supchat/web/auth/data-access';
import { describeApiError, safeReturnUrl } from '@supchat/web/auth/data-access';
import type { TranslationKey } from '@supchat/web/shared/i18n';
import { I18nService } from '@supchat/web/shared/i18n';
import type { AuthFormKind } from './auth-errors';
import { localizeAuthError } from './auth-errors';
import { applyServerFieldErrors, controlError, focusFirstInvalid } from './form-errors';

/**
 * The submit cycle shared by the sign-in and registration forms: client-side validation first, one
 * request at a time, server field errors put on their controls, focus moved to the first bad field,
 * and on success a redirect to `returnUrl` (a path on this site) or home. Create it in a field
 * initializer (it injects the router). Messages are in the current language and follow a switch.
 */
export class AuthFormSubmission<C extends Record<string, AbstractControl>> {
  readonly pending = signal(false);
  readonly submitted = signal(false);
  private readonly failure = signal<{ error: unknown; view: ApiErrorView } | null>(null);

  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly injector = inject(Injector);
  private readonly i18n = inject(I18nService);

  /** The banner's message, or null. */
  readonly errorMessage = computed(() => {
    const failure = this.failure();
    if (!failure) return null;
    return localizeAuthError(failure.error, failure.view, this.i18n, this.kind, Object.keys(this.labels))
      .message;
  });

  /**
   * @param labels the translation key of each field's label (used in messages).
   */
  constructor(
    private readonly form: FormGroup<C>,
    private readonly labels: Readonly<Record<keyof C & string, TranslationKey>>,
    private readonly formElement: () => HTMLFormElement,
    private readonly kind: AuthFormKind,
  ) {}

  /** The message to show under `field`, once it was touched or the form was submitted. */
  errorFor(field: keyof C & string): string | null {
    const control = this.form.controls[field];
    return controlError(
      control,
      this.i18n.t(this.labels[field]),
      control.touched || this.submitted(),
      this.i18n,
    );
  }

  /** Validates, then runs `request` (the API call) unless one is already pending. */
  async submit(request: () => Promise<unknown>): Promise<void> {
    if (this.pending()) return;
    this.submitted.set(true);
    this.failure.set(null);
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
      const fieldLabels: Record<string, string> = {};
      for (const [field, key] of Object.entries<TranslationKey>(this.labels)) {
        fieldLabels[field] = this.i18n.t(key);
      }
      const view = describeApiError(error, { fieldLabels });
      const localized = localizeAuthError(error, view, this.i18n, this.kind, Object.keys(this.labels));
      const fields = applyServerFieldErrors(this.form.controls, {
        ...view,
        fieldErrors: localized.fieldErrors,
      });
      this.failure.set({ error, view });
      if (fields.length > 0) {
        afterNextRender(() => focusFirstInvalid(this.formElement(), fields), { injector: this.injector });
      }
    } finally {
      this.pending.set(false);
    }
  }
}
