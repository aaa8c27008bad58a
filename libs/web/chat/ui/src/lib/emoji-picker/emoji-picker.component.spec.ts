import { TestBed } from '@angular/core/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { EmojiSchema } from '@supchat/contracts';
import { I18nService } from '@supchat/web/shared/i18n';
import { EMOJI_CATEGORIES } from './emoji-data';
import { EMOJI_COLUMNS, EmojiPickerComponent } from './emoji-picker.component';

describe('emoji data', () => {
  const all = EMOJI_CATEGORIES.flatMap((category) => category.entries);

  it('has about 150 distinct emoji, each one the server accepts as a reaction', () => {
    expect(all.length).toBeGreaterThanOrEqual(140);
    expect(new Set(all.map((entry) => entry.emoji)).size).toBe(all.length);
    const rejected = all
      .filter((entry) => !EmojiSchema.safeParse(entry.emoji).success)
      .map((entry) => entry.emoji);
    expect(rejected).toEqual([]);
  });

  it('names every emoji in English and French, without skin tones', () => {
    for (const entry of all) {
      expect(entry.en[0]).toBeTruthy();
      expect(entry.fr[0]).toBeTruthy();
      expect(entry.emoji).not.toMatch(/[\u{1F3FB}-\u{1F3FF}]/u);
    }
  });
});

describe('EmojiPickerComponent', () => {
  let fixture: ComponentFixture<EmojiPickerComponent>;
  let host: HTMLElement;
  let picked: string[];
  let closed: number;

  async function render(): Promise<void> {
    fixture = TestBed.createComponent(EmojiPickerComponent);
    host = fixture.nativeElement;
    document.body.appendChild(host);
    picked = [];
    closed = 0;
    fixture.componentInstance.picked.subscribe((emoji) => picked.push(emoji));
    fixture.componentInstance.closed.subscribe(() => closed++);
    await fixture.whenStable();
  }

  afterEach(() => host.remove());
  beforeEach(() => localStorage.clear());

  const search = () => host.querySelector('input[type="search"]') as HTMLInputElement;
  const buttons = () => Array.from(host.querySelectorAll<HTMLButtonElement>('button.emoji'));
  const labels = () => buttons().map((button) => button.getAttribute('aria-label'));

  async function type(query: string): Promise<void> {
    search().value = query;
    search().dispatchEvent(new Event('input'));
    await fixture.whenStable();
  }

  async function key(target: Element, key: string): Promise<KeyboardEvent> {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
    target.dispatchEvent(event);
    await fixture.whenStable();
    return event;
  }

  it('shows labelled category groups of labelled emoji buttons, and focuses the search', async () => {
    await render();
    expect(document.activeElement).toBe(search());
    expect(search().getAttribute('aria-label')).toBe('Search emoji');
    const groups = Array.from(host.querySelectorAll('[role="group"]'));
    expect(groups).toHaveLength(EMOJI_CATEGORIES.length);
    const firstHeading = host.querySelector(`#${groups[0].getAttribute('aria-labelledby')}`);
    expect(firstHeading?.textContent?.trim()).toBe('Smileys & emotion');
    expect(buttons()[0].getAttribute('aria-label')).toBe('grinning face');
    expect(buttons().filter((button) => button.tabIndex === 0)).toHaveLength(1);
  });

  it('searches English and French names, ignoring accents', async () => {
    await render();
    await type('thumbs');
    expect(labels()).toEqual(['thumbs up', 'thumbs down']);
    await type('pouce');
    expect(labels()).toEqual(['thumbs up', 'thumbs down']);
    await type('coeur bri');
    expect(labels()).toEqual(['broken heart']);
    await type('zzzzqx');
    expect(buttons()).toHaveLength(0);
    expect(host.querySelector('.empty')?.textContent?.trim()).toBe('No emoji found');
  });

  it('shows French names when the UI is in French', async () => {
    TestBed.inject(I18nService).setLocale('fr');
    await render();
    await type('thumbs up');
    expect(labels()).toEqual(['pouce levé']);
  });

  it('Enter in the search picks the first result', async () => {
    await render();
    await type('rocket');
    await key(search(), 'Enter');
    expect(picked).toEqual(['🚀']);
  });

  it('ArrowDown enters the grid; arrows move by item and by row; ArrowUp from the top returns to the search', async () => {
    await render();
    await key(search(), 'ArrowDown');
    expect(document.activeElement).toBe(buttons()[0]);

    await key(buttons()[0], 'ArrowRight');
    expect(document.activeElement).toBe(buttons()[1]);
    await key(buttons()[1], 'ArrowDown');
    expect(document.activeElement).toBe(buttons()[1 + EMOJI_COLUMNS]);
    expect(buttons()[1 + EMOJI_COLUMNS].tabIndex).toBe(0);
    expect(buttons()[1].tabIndex).toBe(-1);
    await key(buttons()[1 + EMOJI_COLUMNS], 'ArrowUp');
    await key(buttons()[1], 'ArrowUp');
    expect(document.activeElement).toBe(search());
  });

  it('a click picks; Escape closes', async () => {
    await render();
    buttons()[2].click();
    expect(picked).toEqual([EMOJI_CATEGORIES[0].entries[2].emoji]);
    await key(search(), 'Escape');
    expect(closed).toBe(1);
  });
});
