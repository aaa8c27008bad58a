import { ChangeDetectionStrategy, Component, ViewEncapsulation, computed, input } from '@angular/core';
import type { UserSummary } from '@supchat/contracts';
import { renderMarkdown } from './render-markdown';

const usernameMaps = new WeakMap<readonly UserSummary[], ReadonlyMap<string, string>>();

/** Lower-case username -> id; one map per members array, however many messages use it. */
export function usernamesOf(members: readonly UserSummary[]): ReadonlyMap<string, string> {
  let map = usernameMaps.get(members);
  if (!map) {
    map = new Map(members.map((member) => [member.username.toLowerCase(), member.id]));
    usernameMaps.set(members, map);
  }
  return map;
}

/**
 * Message content rendered from markdown (see `renderMarkdown`: a safe subset, HTML shown as text,
 * sanitised). `@username` is highlighted when it names a member in `members` whose id is in
 * `mentions`; `@channel`, `@here`, `@everyone` always are; the reader's own mentions get
 * `.mention-self`.
 */
@Component({
  selector: 'sc-markdown',
  template: '',
  host: { class: 'sc-markdown', '[innerHTML]': 'html()' },
  styles: `
    .sc-markdown {
      display: block;
      overflow-wrap: anywhere;
    }
    .sc-markdown :is(p, ul, ol, pre, blockquote) {
      margin: 0;
    }
    .sc-markdown :is(p, ul, ol, pre, blockquote) + :is(p, ul, ol, pre, blockquote) {
      margin-top: var(--space-1);
    }
    .sc-markdown :is(ul, ol) {
      padding-left: 1.5rem;
    }
    .sc-markdown code {
      padding: 0.1em 0.3em;
      font-family: var(--font-mono);
      font-size: 0.875em;
      background: var(--color-code-bg);
      border: 1px solid var(--color-border);
      border-radius: var(--radius-sm);
    }
    .sc-markdown pre {
      max-width: 100%;
      padding: var(--space-2) var(--space-3);
      overflow-x: auto;
      background: var(--color-code-bg);
      border: 1px solid var(--color-border);
      border-radius: var(--radius-md);
    }
    .sc-markdown pre code {
      padding: 0;
      background: none;
      border: 0;
      white-space: pre;
    }
    .sc-markdown blockquote {
      padding-left: var(--space-3);
      color: var(--color-text-muted);
      border-left: 3px solid var(--color-border-strong);
    }
    .sc-markdown .mention {
      padding: 0 0.15em;
      font-weight: 600;
      color: var(--color-mention-text);
      background: var(--color-mention-bg);
      border-radius: var(--radius-sm);
    }
    .sc-markdown :is(.mention-self, .mention-channel) {
      color: var(--color-mention-self-text);
      background: var(--color-mention-self-bg);
      box-shadow: inset 0 -2px 0 var(--color-mention-self-border);
    }
  `,
  // The HTML is set with innerHTML, which emulated encapsulation cannot reach: styles are scoped
  // by the host class instead.
  encapsulation: ViewEncapsulation.None,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MarkdownComponent {
  /** The message's markdown source. */
  readonly content = input.required<string>();
  /** The ids the message mentions (`Message.mentions`). */
  readonly mentions = input<readonly string[]>([]);
  /** Known members, to resolve `@username` to an id (pass the same array to every message). */
  readonly members = input<readonly UserSummary[]>([]);
  /** The reader. */
  readonly currentUserId = input<string | null>(null);

  protected readonly html = computed(() =>
    renderMarkdown(this.content(), {
      mentions: this.mentions(),
      usernames: usernamesOf(this.members()),
      currentUserId: this.currentUserId(),
    }),
  );
}
