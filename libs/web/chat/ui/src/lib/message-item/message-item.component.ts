import type { ConnectedPosition } from '@angular/cdk/overlay';
import { CdkConnectedOverlay } from '@angular/cdk/overlay';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  afterNextRender,
  afterRenderEffect,
  computed,
  effect,
  inject,
  Injector,
  input,
  model,
  output,
  signal,
  untracked,
  viewChild,
  viewChildren,
} from '@angular/core';
import type { Message, UserSummary } from '@supchat/contracts';
import { LIMITS } from '@supchat/constants';
import type { TranslationKey } from '@supchat/web/shared/i18n';
import { I18nService, TranslatePipe } from '@supchat/web/shared/i18n';
import { AvatarComponent } from '../avatar/avatar.component';
import { contentLength } from '../composer/composer.component';
import { ConfirmComponent } from '../confirm/confirm.component';
import { EmojiPickerComponent } from '../emoji-picker/emoji-picker.component';
import { uniqueId } from '../ids';
import { MarkdownComponent } from '../markdown/markdown.component';

/** Delivery state of a message as the timeline knows it: optimistic sends are pending, then sent or failed. */
export type MessageStatus = 'sent' | 'pending' | 'failed';

type ToolId = 'react' | 'reply' | 'edit' | 'delete';

interface Tool {
  id: ToolId;
  label: TranslationKey;
}

interface ReactionView {
  emoji: string;
  count: number;
  mine: boolean;
  label: string;
  reactors: string | null;
}

const membersById = new WeakMap<readonly UserSummary[], ReadonlyMap<string, UserSummary>>();

function byId(members: readonly UserSummary[]): ReadonlyMap<string, UserSummary> {
  let map = membersById.get(members);
  if (!map) {
    map = new Map(members.map((member) => [member.id, member]));
    membersById.set(members, map);
  }
  return map;
}

/** Below the origin, or above it when there is no room; aligned to its right edge. */
const PICKER_POSITIONS: ConnectedPosition[] = [
  { originX: 'end', originY: 'bottom', overlayX: 'end', overlayY: 'top', offsetY: 4 },
  { originX: 'end', originY: 'top', overlayX: 'end', overlayY: 'bottom', offsetY: -4 },
  { originX: 'start', originY: 'bottom', overlayX: 'start', overlayY: 'top', offsetY: 4 },
  { originX: 'start', originY: 'top', overlayX: 'start', overlayY: 'bottom', offsetY: -4 },
];

/**
 * One row of a timeline or thread. Shows the author and time (or only a hover time when `grouped` with
 * the previous message), the rendered content, "(edited)", a tombstone once deleted, the pending and
 * failed states (with Retry), reactions (click toggles), the thread summary, and a toolbar (on hover,
 * on keyboard focus, or on tap) with React, Reply in thread, Edit (own messages) and Delete (own, or
 * with `canModerate`; confirmed inline). `editing` is two-way (`[(editing)]`), so the screen can open
 * the editor, e.g. when Up is pressed in an empty composer.
 */
@Component({
  selector: 'sc-message',
  imports: [
    TranslatePipe,
    AvatarComponent,
    MarkdownComponent,
    ConfirmComponent,
    EmojiPickerComponent,
    CdkConnectedOverlay,
  ],
  templateUrl: './message-item.component.html',
  styleUrl: './message-item.component.css',
  host: {
    class: 'sc-message',
    '[class.grouped]': 'grouped()',
    '[class.mentioned]': 'mentionsMe()',
    '[class.pending]': "status() === 'pending'",
    '[class.failed]': "status() === 'failed'",
    '[class.deleted]': 'isDeleted()',
    '[class.active]': 'revealed() || pickerOpen() || confirmingDelete()',
    '(click)': 'reveal($event)',
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MessageItemComponent {
  private readonly i18n = inject(I18nService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly toolButtons = viewChildren<ElementRef<HTMLButtonElement>>('toolButton');
  private readonly editBox = viewChild<ElementRef<HTMLTextAreaElement>>('editBox');

  readonly message = input.required<Message>();
  /** The reader: decides own-message actions, "you reacted" and mentions of them. */
  readonly currentUserId = input<string | null>(null);
  /** Same author as the previous row, a few minutes later: no avatar and name. */
  readonly grouped = input(false);
  readonly status = input<MessageStatus>('sent');
  /** The reader may delete other people's messages (channel owner or admin). */
  readonly canModerate = input(false);
  /** Known members: resolve `@mentions` and name who reacted (pass the same array to every row). */
  readonly members = input<readonly UserSummary[]>([]);
  /** Shown inside a thread: no "Reply in thread", no reply summary. */
  readonly inThread = input(false);
  /** The inline editor is open. */
  readonly editing = model(false);
  /**
   * The saved edit is on its way: the editor stays open (read-only) until the parent closes it
   * (`editing` false) once the server took it, or reports a `failure` and the reader can try again.
   */
  readonly saving = input(false);
  /**
   * Why the reader's last action on this message failed (edit, delete, reaction): an alert inside the
   * open editor, otherwise under the message with a Dismiss button (`dismissFailure`).
   */
  readonly failure = input<string | null>(null);

  /** Saved edit: the new content, trimmed, non-empty, changed. The editor stays open (see `saving`). */
  readonly edit = output<string>();
  readonly dismissFailure = output<void>();
  /** Deletion confirmed. */
  readonly delete = output<void>();
  /** Toggle this reaction of the reader's. */
  readonly react = output<string>();
  readonly replyInThread = output<void>();
  readonly retry = output<void>();
  readonly openThread = output<void>();

  protected readonly ids = {
    editHint: uniqueId('sc-message-edit-hint'),
    editError: uniqueId('sc-message-edit-error'),
    failure: uniqueId('sc-message-failure'),
  };
  protected readonly pickerPositions = PICKER_POSITIONS;

  protected readonly revealed = signal(false);
  protected readonly pickerOpen = signal(false);
  protected readonly pickerOrigin = signal<HTMLElement | null>(null);
  /** The picker hangs from the button that opened it. */
  protected readonly overlayOrigin = computed(() => this.pickerOrigin() ?? this.host.nativeElement);
  protected readonly confirmingDelete = signal(false);
  protected readonly activeTool = signal(0);
  protected readonly editText = signal('');
  protected readonly editError = signal<string | null>(null);
  /** The editor's error text ids, for aria-describedby. */
  protected readonly editDescription = computed(() =>
    [
      this.editError() ? this.ids.editError : null,
      this.failure() ? this.ids.failure : null,
      this.ids.editHint,
    ]
      .filter((id) => id !== null)
      .join(' '),
  );
  private focusEditor = false;

  protected readonly isOwn = computed(() => this.message().authorId === this.currentUserId());
  protected readonly isDeleted = computed(() => this.message().deletedAt !== null);
  protected readonly showActions = computed(
    () => !this.isDeleted() && this.status() === 'sent' && !this.editing(),
  );
  protected readonly tools = computed<Tool[]>(() => {
    const tools: Tool[] = [{ id: 'react', label: 'message.react' }];
    if (!this.inThread() && this.message().parentId === null) {
      tools.push({ id: 'reply', label: 'message.replyInThread' });
    }
    if (this.isOwn()) tools.push({ id: 'edit', label: 'message.edit' });
    if (this.isOwn() || this.canModerate()) tools.push({ id: 'delete', label: 'message.delete' });
    return tools;
  });
  protected readonly mentionsMe = computed(() => {
    const me = this.currentUserId();
    const message = this.message();
    return (
      !this.isDeleted() &&
      !this.isOwn() &&
      me !== null &&
      (message.mentionsChannel || message.mentions.includes(me))
    );
  });
  protected readonly time = computed(() => this.i18n.formatTime(this.message().createdAt));
  protected readonly fullTime = computed(() => this.i18n.formatTimestamp(this.message().createdAt));
  protected readonly editedTitle = computed(() => {
    const editedAt = this.message().editedAt;
    return editedAt ? this.i18n.t('message.editedAt', { time: this.i18n.formatTimestamp(editedAt) }) : null;
  });
  protected readonly reactions = computed<ReactionView[]>(() => {
    const me = this.currentUserId();
    const members = byId(this.members());
    return this.message().reactions.map(({ emoji, userIds, count }) => {
      const mine = me !== null && userIds.includes(me);
      const names = userIds
        .map((id) => (id === me ? this.i18n.t('reactions.you') : members.get(id)?.displayName))
        .filter((name): name is string => !!name);
      return {
        emoji,
        count,
        mine,
        label: this.i18n.t(mine ? 'reactions.labelWithYou' : 'reactions.label', { emoji, count }),
        reactors: names.length > 0 ? this.i18n.t('reactions.reactedBy', { names: names.join(', ') }) : null,
      };
    });
  });
  protected readonly threadSummary = computed(() => {
    const message = this.message();
    if (this.inThread() || message.parentId !== null || message.replyCount === 0 || this.isDeleted())
      return null;
    return {
      replies: this.i18n.t('message.replies', { count: message.replyCount }),
      lastReply: message.lastReplyAt
        ? this.i18n.t('message.lastReply', { time: this.i18n.formatRelative(message.lastReplyAt) })
        : null,
    };
  });

  constructor() {
    // Opening the editor starts from the current content.
    effect(() => {
      if (!this.editing()) return;
      untracked(() => {
        this.editText.set(this.message().content);
        this.editError.set(null);
        this.confirmingDelete.set(false);
        this.focusEditor = true;
      });
    });
    afterRenderEffect(() => {
      const box = this.editBox()?.nativeElement;
      if (!box || !this.focusEditor) return;
      this.focusEditor = false;
      box.focus();
      box.setSelectionRange(box.value.length, box.value.length);
      box.style.height = 'auto';
      box.style.height = `${box.scrollHeight}px`;
    });
  }

  protected runTool(id: ToolId, button: HTMLButtonElement): void {
    switch (id) {
      case 'react':
        if (this.pickerOpen()) this.closePicker(false);
        else this.openPicker(button);
        break;
      case 'reply':
        this.replyInThread.emit();
        break;
      case 'edit':
        this.editing.set(true);
        break;
      case 'delete':
        this.confirmingDelete.set(true);
        break;
    }
  }

  protected onToolbarKeydown(event: KeyboardEvent): void {
    const count = this.tools().length;
    let next: number;
    switch (event.key) {
      case 'ArrowRight':
        next = (this.activeTool() + 1) % count;
        break;
      case 'ArrowLeft':
        next = (this.activeTool() - 1 + count) % count;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = count - 1;
        break;
      default:
        return;
    }
    event.preventDefault();
    this.activeTool.set(next);
    this.toolButtons()[next]?.nativeElement.focus();
  }

  protected openPicker(origin: HTMLElement): void {
    this.pickerOrigin.set(origin);
    this.pickerOpen.set(true);
  }

  /** Closes the picker; focus goes back to the button that opened it when the keyboard closed it. */
  protected closePicker(restoreFocus: boolean): void {
    if (!this.pickerOpen()) return;
    this.pickerOpen.set(false);
    if (restoreFocus) this.pickerOrigin()?.focus();
  }

  /** A click outside the picker closes it, except on the button that opened it (that one toggles). */
  protected onOutsideClick(event: MouseEvent): void {
    const target = event.target as Node | null;
    if (target && this.pickerOrigin()?.contains(target)) return;
    this.closePicker(false);
  }

  protected onPicked(emoji: string): void {
    this.react.emit(emoji);
    this.closePicker(true);
  }

  protected confirmDelete(): void {
    this.confirmingDelete.set(false);
    this.delete.emit();
  }

  protected cancelDelete(): void {
    this.confirmingDelete.set(false);
    afterNextRender(
      () =>
        this.toolButtons()
          .find((button) => button.nativeElement.dataset['tool'] === 'delete')
          ?.nativeElement.focus(),
      { injector: this.injector },
    );
  }

  protected onEditInput(event: Event): void {
    const box = event.target as HTMLTextAreaElement;
    this.editText.set(box.value);
    this.editError.set(null);
    box.style.height = 'auto';
    box.style.height = `${box.scrollHeight}px`;
  }

  protected onEditKeydown(event: KeyboardEvent): void {
    if (event.isComposing || event.keyCode === 229) return;
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      this.saveEdit();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.cancelEdit();
    }
  }

  protected saveEdit(): void {
    if (this.saving()) return;
    const content = this.editText().trim();
    if (content === '') {
      this.editError.set(this.i18n.t('message.editEmpty'));
      return;
    }
    const over = contentLength(content) - LIMITS.messageContent.max;
    if (over > 0) {
      this.editError.set(this.i18n.t('composer.tooLong', { count: over }));
      return;
    }
    if (content === this.message().content) this.editing.set(false);
    else this.edit.emit(content);
  }

  protected cancelEdit(): void {
    this.editing.set(false);
  }

  /** A tap on the row (not on one of its controls or links) shows its toolbar on touch screens. */
  protected reveal(event: MouseEvent): void {
    const target = event.target as HTMLElement | null;
    if (target?.closest('button, a, textarea, input, sc-confirm')) return;
    this.revealed.update((revealed) => !revealed);
  }
}
