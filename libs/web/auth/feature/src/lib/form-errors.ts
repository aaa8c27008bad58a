import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import { FormControl, Validators } from '@angular/forms';
import type { ApiErrorView } from '@supchat/web/auth/data-access';
import type { I18nService } from '@supchat/web/shared/i18n';

/** Runs `validator` on the trimmed value: the server trims emails, usernames and display names too. */
export function trimmed(...validators: ValidatorFn[]): ValidatorFn {
  const combined = Validators.compose(validators);
  return (control) => (combined ? combined(new FormControl(String(control.value ?? '').trim())) : null);
}

/** Letters (either case: the server lower-cases), digits, '_', '.' and '-'. */
export const usernameCharacters: ValidatorFn = (control) => {
  const value = String(control.value ?? '').trim();
  return value === '' || /^[A-Za-z0-9_.-]+$/.test(value) ? null : { usernameCharacters: true };
};

/** The message to show under a field (in the current language), or null while it has none (or should not show it yet). */
export function controlError(
  control: AbstractControl,
  label: string,
  show: boolean,
  i18n: Pick<I18nService, 't'>,
): string | null {
  const errors: ValidationErrors | null = control.errors;
  if (!errors || !show) return null;
  if (typeof errors['server'] === 'string') return errors['server'];
  if (errors['required']) return i18n.t('forms.required', { label });
  if (errors['email']) return i18n.t('forms.email');
  if (errors['usernameCharacters']) return i18n.t('forms.usernameCharacters', { label });
  if (errors['minlength']) {
    return i18n.t('forms.minLength', { label, count: errors['minlength'].requiredLength });
  }
  if (errors['maxlength']) {
    return i18n.t('forms.maxLength', { label, count: errors['maxlength'].requiredLength });
  }
  return i18n.t('forms.invalid', { label });
}

/**
 * Puts the server's per-field messages on the form's controls (as a `server` error, which the control's
 * own validators clear as soon as the user edits it). Returns the names of the fields that got one.
 */
export function applyServerFieldErrors(
  controls: Readonly<Record<string, AbstractControl>>,
  view: ApiErrorView,
): string[] {
  const applied: string[] = [];
  for (const [name, message] of Object.entries(view.fieldErrors)) {
    const control = controls[name];
    if (!control) continue;
    control.setErrors({ ...control.errors, server: message });
    control.markAsTouched();
    applied.push(name);
  }
  return applied;
}

/** Moves focus to the first invalid input of a form (after an attempt to submit it). */
export function focusFirstInvalid(form: HTMLElement, names: readonly string[] = []): void {
  const selector =
    names.length > 0 ? names.map((name) => `[formcontrolname="${name}"]`).join(',') : '.ng-invalid';
  form.querySelector<HTMLElement>(`:is(input, textarea, select):is(${selector})`)?.focus();
}
