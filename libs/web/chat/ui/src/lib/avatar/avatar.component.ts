import { ChangeDetectionStrategy, Component, computed, input, linkedSignal } from '@angular/core';
import type { UserSummary } from '@supchat/contracts';

/** Background colours for initials: each keeps white text above 4.5:1 contrast, in both themes. */
export const AVATAR_COLORS: readonly string[] = [
  '#b42318',
  '#c4320a',
  '#93370d',
  '#067647',
  '#0e7090',
  '#175cd3',
  '#4f46e5',
  '#6941c6',
  '#9e165f',
  '#475467',
];

/** The same user always gets the same colour (FNV-1a hash of the id). */
export function avatarColor(id: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return AVATAR_COLORS[(hash >>> 0) % AVATAR_COLORS.length];
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** "Grace Hopper" -> "GH", "élodie" -> "É", "Jean-Luc Picard" -> "JP"; whole graphemes, never half an emoji. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = (word: string) => graphemes.segment(word)[Symbol.iterator]().next().value?.segment ?? '';
  const picked = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return picked.map(first).join('').toLocaleUpperCase();
}

/**
 * A user's picture, or their initials on a colour derived from their id. Decorative by default (the
 * name is shown next to it); with `decorative` false it is an image labelled with the display name.
 */
@Component({
  selector: 'sc-avatar',
  template: `
    @if (imageUrl(); as url) {
      <img [src]="url" alt="" (error)="imageFailed.set(true)" />
    } @else {
      <span class="initials">{{ initials() }}</span>
    }
  `,
  host: {
    class: 'sc-avatar',
    '[style.--avatar-size]': 'size() + "px"',
    '[style.background-color]': 'color()',
    '[attr.role]': 'decorative() ? null : "img"',
    '[attr.aria-label]': 'decorative() ? null : user().displayName',
    '[attr.aria-hidden]': 'decorative() ? "true" : null',
  },
  styles: `
    :host {
      display: inline-grid;
      flex: none;
      place-items: center;
      width: var(--avatar-size);
      height: var(--avatar-size);
      overflow: hidden;
      color: #fff;
      font-size: calc(var(--avatar-size) * 0.4);
      font-weight: 700;
      line-height: 1;
      border-radius: 22%;
      user-select: none;
    }
    img {
      width: 100%;
      height: 100%;
      object-fit: cover;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AvatarComponent {
  readonly user = input.required<UserSummary>();
  /** Width and height in CSS pixels. */
  readonly size = input(36);
  /** Hidden from assistive technology (the default: a name is shown next to it). */
  readonly decorative = input(true);

  protected readonly imageFailed = linkedSignal({
    source: () => this.user().avatarUrl,
    computation: () => false,
  });
  protected readonly imageUrl = computed(() => {
    const url = this.user().avatarUrl;
    return url && !this.imageFailed() && /^(https?:\/\/|\/)/i.test(url) ? url : null;
  });
  protected readonly initials = computed(() => initialsOf(this.user().displayName || this.user().username));
  protected readonly color = computed(() => avatarColor(this.user().id));
}
