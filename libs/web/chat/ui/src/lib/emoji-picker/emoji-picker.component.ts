import type { ElementRef } from '@angular/core';
import {
  ChangeDetectionStrategy,
  Component,
  afterNextRender,
  computed,
  inject,
  input,
  output,
  signal,
  viewChild,
  viewChildren,
} from '@angular/core';
import type { TranslationKey } from '@supchat/web/shared/i18n';
import { I18nService, TranslatePipe } from '@supchat/web/shared/i18n';
import { uniqueId } from '../ids';
import { foldForSearch } from '../mentions';
import type { EmojiCategory, EmojiEntry } from './emoji-data';
import { EMOJI_CATEGORIES } from './emoji-data';
import type { GridKey } from './grid-navigation';
import { moveInSections } from './grid-navigation';

/** Columns of the grid (the layout and the arrow keys agree on it). */
export const EMOJI_COLUMNS = 8;

const GRID_KEYS: readonly string[] = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'];

interface Section {
  category: EmojiCategory;
  labelKey: TranslationKey;
  headingId: string;
  entries: { entry: EmojiEntry; index: number }[];
}

/** Search text for an emoji: its English and French names, folded. */
const searchText = new Map<EmojiEntry, string>(
  EMOJI_CATEGORIES.flatMap((category) => category.entries).map((entry) => [
    entry,
    foldForSearch([...entry.en, ...entry.fr].join(' ')),
  ]),
);

/**
 * A compact emoji grid by category, with a search box (English and French names). Keyboard: type to
 * search, ArrowDown into the grid, arrows / Home / End to move, Enter or Space to pick, ArrowUp from the
 * first row back to the search, Enter in the search picks the first result, Escape emits `closed`.
 */
@Component({
  selector: 'sc-emoji-picker',
  imports: [TranslatePipe],
  templateUrl: './emoji-picker.component.html',
  styleUrl: './emoji-picker.component.css',
  host: { class: 'sc-emoji-picker', '(keydown.escape)': 'onEscape($event)' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EmojiPickerComponent {
  private readonly i18n = inject(I18nService);
  private readonly searchInput = viewChild.required<ElementRef<HTMLInputElement>>('search');
  private readonly buttons = viewChildren<ElementRef<HTMLButtonElement>>('emojiButton');

  /** Focus the search box when the picker appears. */
  readonly autofocus = input(true);
  readonly picked = output<string>();
  readonly closed = output<void>();

  protected readonly query = signal('');
  protected readonly active = signal(0);
  protected readonly resultsId = uniqueId('sc-emoji-results');
  private readonly headingIds = new Map(
    EMOJI_CATEGORIES.map((category) => [category, uniqueId('sc-emoji-cat')]),
  );

  protected readonly sections = computed<Section[]>(() => {
    const terms = foldForSearch(this.query()).split(/\s+/).filter(Boolean);
    let index = 0;
    const sections: Section[] = [];
    for (const category of EMOJI_CATEGORIES) {
      const entries = category.entries
        .filter((entry) => terms.every((term) => searchText.get(entry)?.includes(term)))
        .map((entry) => ({ entry, index: index++ }));
      if (entries.length > 0) {
        const labelKey: TranslationKey = `emoji.categories.${category.id}`;
        sections.push({ category, labelKey, headingId: this.headingIds.get(category) ?? '', entries });
      }
    }
    return sections;
  });
  protected readonly total = computed(() =>
    this.sections().reduce((sum, section) => sum + section.entries.length, 0),
  );

  constructor() {
    afterNextRender(() => {
      if (this.autofocus()) this.searchInput().nativeElement.focus();
    });
  }

  protected nameOf(entry: EmojiEntry): string {
    return this.i18n.locale() === 'fr' ? entry.fr[0] : entry.en[0];
  }

  protected onSearch(event: Event): void {
    this.query.set((event.target as HTMLInputElement).value);
    this.active.set(0);
  }

  protected onSearchKeydown(event: KeyboardEvent): void {
    if (event.key === 'ArrowDown' && this.total() > 0) {
      event.preventDefault();
      this.focusItem(this.active());
    } else if (event.key === 'Enter' && !event.isComposing) {
      event.preventDefault();
      const first = this.sections()[0]?.entries[0];
      if (first) this.pick(first.entry.emoji);
    }
  }

  protected onGridKeydown(event: KeyboardEvent): void {
    if (!GRID_KEYS.includes(event.key)) return;
    event.preventDefault();
    const sizes = this.sections().map((section) => section.entries.length);
    const next = moveInSections(sizes, this.active(), event.key as GridKey, EMOJI_COLUMNS);
    if (next === -1) {
      this.searchInput().nativeElement.focus();
    } else {
      this.focusItem(next);
    }
  }

  protected pick(emoji: string): void {
    this.picked.emit(emoji);
  }

  protected onEscape(event: Event): void {
    event.stopPropagation();
    this.closed.emit();
  }

  private focusItem(index: number): void {
    this.active.set(index);
    this.buttons()[index]?.nativeElement.focus();
  }
}
