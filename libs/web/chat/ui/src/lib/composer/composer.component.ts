import type { ElementRef } from '@angular/core';
import {
  ChangeDetectionStrategy,
  Component,
  afterRenderEffect,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import type { UserSummary } from '@supchat/contracts';
import { LIMITS } from '@supchat/constants';
import type { TranslationKey } from '@supchat/web/shared/i18n';
import { I18nService, TranslatePipe } from '@supchat/web/shared/i18n';
import { AvatarComponent } from '../avatar/avatar.component';
import { uniqueId } from '../ids';
import type { MentionQuery, MentionSuggestion } from './mention-query';
import { mentionQueryAt, mentionSuggestions } from './mention-query';

/** Drafts live in sessionStorage under this prefix + the composer's `draftKey`. */
export const DRAFT_STORAGE_PREFIX = 'supchat.draft.';

/** Length as the server counts it: code points after trimming. */
export function contentLength(text: string): number {
  return [...text.trim()].length;
}

/**
 * The message box. Enter sends (trimmed, non-empty, within the limit), Shift+Enter adds a line; `@`
 * opens member suggestions (arrows, Enter or Tab to insert `@username `, Escape to close); Up in an
 * empty box asks to edit the last message. A counter appears near the limit and sending is blocked
 * above it. Drafts are kept per `draftKey` (sessionStorage), so switching channels keeps them.
 *
 * `typing` is emitted on every input that leaves text (the caller throttles), `stopTyping` when the
 * user empties the box. Sending does not emit `stopTyping`: the server ends typing when a message arrives.
 */
@Component({
  selector: 'sc-composer',
  imports: [TranslatePipe, AvatarComponent],
  templateUrl: './composer.component.html',
  styleUrl: './composer.component.css',
  host: { class: 'sc-composer', '[class.disabled]': 'disabled()' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ComposerComponent {
  private readonly i18n = inject(I18nService);
  private readonly textarea = viewChild.required<ElementRef<HTMLTextAreaElement>>('textarea');

  /** Members who can be mentioned. */
  readonly members = input<readonly UserSummary[]>([]);
  /** Left out of the suggestions. */
  readonly currentUserId = input<string | null>(null);
  readonly disabled = input(false);
  /** Placeholder text (default "Write a message…"), e.g. "Message #general". */
  readonly placeholder = input<string | null>(null);
  /** Accessible name of the text box (default "Message"). */
  readonly label = input<string | null>(null);
  /** Where the draft is kept: one key per channel or thread. Null keeps no draft. */
  readonly draftKey = input<string | null>(null);
  readonly maxLength = input<number>(LIMITS.messageContent.max);
  /** The counter shows from this many characters (default: 500 below the limit). */
  readonly counterFrom = input<number | null>(null);

  readonly send = output<string>();
  readonly typing = output<void>();
  readonly stopTyping = output<void>();
  readonly editLast = output<void>();

  protected readonly ids = {
    hint: uniqueId('sc-composer-hint'),
    counter: uniqueId('sc-composer-counter'),
    list: uniqueId('sc-composer-mentions'),
  };

  protected readonly text = signal('');
  private readonly mention = signal<MentionQuery | null>(null);
  /** The `@` position whose suggestions were closed with Escape. */
  private readonly dismissedAt = signal<number | null>(null);
  protected readonly activeSuggestion = signal(0);

  protected readonly length = computed(() => contentLength(this.text()));
  protected readonly overBy = computed(() => Math.max(0, this.length() - this.maxLength()));
  protected readonly showCounter = computed(
    () => this.length() >= (this.counterFrom() ?? this.maxLength() - 500),
  );
  protected readonly remaining = computed(() => this.maxLength() - this.length());
  protected readonly canSend = computed(() => !this.disabled() && this.length() > 0 && this.overBy() === 0);
  protected readonly counterText = computed(() =>
    this.overBy() > 0
      ? this.i18n.t('composer.tooLong', { count: this.overBy() })
      : this.i18n.t('composer.remaining', { count: this.remaining() }),
  );

  protected readonly suggestions = computed<MentionSuggestion[]>(() => {
    const mention = this.mention();
    if (!mention || mention.start === this.dismissedAt() || this.disabled()) return [];
    return mentionSuggestions(this.members(), mention.query, this.currentUserId());
  });
  protected readonly activeOptionId = computed(() =>
    this.suggestions().length > 0 ? `${this.ids.list}-${this.activeSuggestion()}` : null,
  );

  private previousDraftKey: string | null = null;

  constructor() {
    // A new draft key (another channel): keep what was typed under the old key, show the new one's draft.
    effect(() => {
      const key = this.draftKey();
      untracked(() => {
        if (key === this.previousDraftKey) return;
        this.saveDraft(this.previousDraftKey, this.text());
        this.previousDraftKey = key;
        this.text.set(this.loadDraft(key));
        this.mention.set(null);
        this.dismissedAt.set(null);
      });
    });
    // Grow with the text, up to the CSS max-height.
    afterRenderEffect(() => {
      this.text();
      const element = this.textarea().nativeElement;
      element.style.height = 'auto';
      element.style.height = `${element.scrollHeight}px`;
    });
  }

  /** Puts the caret in the box (e.g. after switching channels). */
  focus(): void {
    this.textarea().nativeElement.focus();
  }

  protected placeholderText(): string {
    return this.placeholder() ?? this.i18n.t('composer.placeholder');
  }

  protected labelText(): string {
    return this.label() ?? this.i18n.t('composer.label');
  }

  protected channelWideKey(name: string): TranslationKey {
    return name === 'here'
      ? 'composer.channelWide.here'
      : name === 'everyone'
        ? 'composer.channelWide.everyone'
        : 'composer.channelWide.channel';
  }

  protected onInput(event: Event): void {
    const element = event.target as HTMLTextAreaElement;
    const hadText = this.text().trim() !== '';
    this.text.set(element.value);
    this.saveDraft(this.draftKey(), element.value);
    this.updateMention(element);
    if (element.value.trim() !== '') {
      this.typing.emit();
    } else if (hadText) {
      this.stopTyping.emit();
    }
  }

  /** The caret moved (click, arrows): the mention under it may have changed. */
  protected onCaretMove(event: Event): void {
    this.updateMention(event.target as HTMLTextAreaElement);
  }

  protected onKeydown(event: KeyboardEvent): void {
    if (event.isComposing || event.keyCode === 229) return;
    const suggestions = this.suggestions();
    if (suggestions.length > 0) {
      switch (event.key) {
        case 'ArrowDown':
          event.preventDefault();
          this.activeSuggestion.update((index) => (index + 1) % suggestions.length);
          return;
        case 'ArrowUp':
          event.preventDefault();
          this.activeSuggestion.update((index) => (index - 1 + suggestions.length) % suggestions.length);
          return;
        case 'Enter':
        case 'Tab':
          if (event.shiftKey) break;
          event.preventDefault();
          this.insertSuggestion(suggestions[this.activeSuggestion()] ?? suggestions[0]);
          return;
        case 'Escape':
          event.preventDefault();
          event.stopPropagation();
          this.dismissedAt.set(this.mention()?.start ?? null);
          return;
      }
    }
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      this.submit();
    } else if (event.key === 'ArrowUp' && this.text() === '' && !event.shiftKey) {
      event.preventDefault();
      this.editLast.emit();
    }
  }

  protected submit(): void {
    if (!this.canSend()) return;
    const content = this.text().trim();
    this.send.emit(content);
    this.text.set('');
    this.textarea().nativeElement.value = '';
    this.saveDraft(this.draftKey(), '');
    this.mention.set(null);
  }

  protected pickSuggestion(event: MouseEvent, suggestion: MentionSuggestion): void {
    // Keep focus (and the caret) in the text box.
    event.preventDefault();
    this.insertSuggestion(suggestion);
  }

  private insertSuggestion(suggestion: MentionSuggestion): void {
    const mention = this.mention();
    if (!mention) return;
    const element = this.textarea().nativeElement;
    const text = this.text();
    const caret = element.selectionStart ?? text.length;
    const after = text.slice(caret);
    const inserted = after.startsWith(' ') ? suggestion.insert : `${suggestion.insert} `;
    const value = text.slice(0, mention.start) + inserted + after;
    const newCaret = mention.start + inserted.length + (after.startsWith(' ') ? 1 : 0);
    element.value = value;
    element.setSelectionRange(newCaret, newCaret);
    this.text.set(value);
    this.saveDraft(this.draftKey(), value);
    this.mention.set(null);
    this.typing.emit();
  }

  private updateMention(element: HTMLTextAreaElement): void {
    const caret = element.selectionStart === element.selectionEnd ? element.selectionStart : null;
    const mention = caret === null ? null : mentionQueryAt(element.value, caret);
    const previous = this.mention();
    if (mention?.start !== previous?.start || mention?.query !== previous?.query) {
      this.activeSuggestion.set(0);
    }
    if (mention?.start !== previous?.start) this.dismissedAt.set(null);
    this.mention.set(mention);
  }

  private saveDraft(key: string | null, text: string): void {
    if (key === null) return;
    try {
      if (text.trim() === '') sessionStorage.removeItem(DRAFT_STORAGE_PREFIX + key);
      else sessionStorage.setItem(DRAFT_STORAGE_PREFIX + key, text);
    } catch {
      // No storage (privacy mode, quota): drafts then last until the box is switched.
    }
  }

  private loadDraft(key: string | null): string {
    if (key === null) return '';
    try {
      return sessionStorage.getItem(DRAFT_STORAGE_PREFIX + key) ?? '';
    } catch {
      return '';
    }
  }
}
