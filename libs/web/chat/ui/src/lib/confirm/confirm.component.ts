import type { ElementRef } from '@angular/core';
import {
  ChangeDetectionStrategy,
  Component,
  afterNextRender,
  computed,
  inject,
  input,
  output,
  viewChild,
} from '@angular/core';
import { I18nService } from '@supchat/web/shared/i18n';
import { uniqueId } from '../ids';

/**
 * An inline confirmation step ("Delete this message? [Delete] [Cancel]"), shown in place of the action
 * that needs it. Focus moves to Cancel (the harmless choice) when it appears; Escape cancels.
 */
@Component({
  selector: 'sc-confirm',
  template: `
    <p class="message" [id]="messageId">{{ message() }}</p>
    <div class="actions">
      <button type="button" class="confirm" [class.danger]="danger()" (click)="confirmed.emit()">
        {{ confirmText() }}
      </button>
      <button #cancelButton type="button" class="cancel" (click)="cancelled.emit()">
        {{ cancelText() }}
      </button>
    </div>
  `,
  host: {
    class: 'sc-confirm',
    role: 'alertdialog',
    '[attr.aria-labelledby]': 'messageId',
    '(keydown.escape)': 'onEscape($event)',
  },
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--space-2) var(--space-3);
      padding: var(--space-2) var(--space-3);
      background: var(--color-surface);
      border: 1px solid var(--color-border-strong);
      border-radius: var(--radius-md);
      box-shadow: var(--shadow-md);
    }
    .message {
      flex: 1 1 12rem;
      margin: 0;
      font-size: var(--text-sm);
    }
    .actions {
      display: flex;
      gap: var(--space-2);
    }
    button {
      min-height: 2.25rem;
      padding: 0 var(--space-3);
      font: inherit;
      font-size: var(--text-sm);
      font-weight: 600;
      color: var(--color-text);
      background: transparent;
      border: 1px solid var(--color-border-strong);
      border-radius: var(--radius-md);
      cursor: pointer;
    }
    .confirm {
      color: var(--color-accent-contrast);
      background: var(--color-accent);
      border-color: transparent;
    }
    .confirm.danger {
      color: #fff;
      background: var(--color-danger-strong);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfirmComponent {
  private readonly i18n = inject(I18nService);
  private readonly cancelButton = viewChild.required<ElementRef<HTMLButtonElement>>('cancelButton');

  /** The question. */
  readonly message = input.required<string>();
  /** The confirming button's text (default "Confirm"). */
  readonly confirmLabel = input<string | null>(null);
  /** The cancelling button's text (default "Cancel"). */
  readonly cancelLabel = input<string | null>(null);
  /** Style the confirming button as destructive. */
  readonly danger = input(false);

  readonly confirmed = output<void>();
  readonly cancelled = output<void>();

  protected readonly messageId = uniqueId('sc-confirm');
  protected readonly confirmText = computed(() => this.confirmLabel() ?? this.i18n.t('common.confirm'));
  protected readonly cancelText = computed(() => this.cancelLabel() ?? this.i18n.t('common.cancel'));

  constructor() {
    afterNextRender(() => this.cancelButton().nativeElement.focus());
  }

  protected onEscape(event: Event): void {
    event.stopPropagation();
    this.cancelled.emit();
  }
}
