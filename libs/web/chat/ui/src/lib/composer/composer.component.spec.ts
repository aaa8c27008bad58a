import { TestBed } from '@angular/core/testing';
import type { ComponentFixture } from '@angular/core/testing';
import type { UserSummary } from '@supchat/contracts';
import { I18nService } from '@supchat/web/shared/i18n';
import { ComposerComponent, DRAFT_STORAGE_PREFIX } from './composer.component';

const user = (id: string, username: string, displayName: string): UserSummary => ({
  id: id.repeat(24),
  username,
  displayName,
  avatarUrl: null,
});
const alice = user('a', 'alice', 'Alice Martin');
const turing = user('b', 'aturing', 'Alan Turing');
const elodie = user('c', 'elodie', 'Élodie Durand');
const me = user('d', 'albert', 'Albert Me');
const MEMBERS = [alice, turing, elodie, me];

describe('ComposerComponent', () => {
  let fixture: ComponentFixture<ComposerComponent>;
  let host: HTMLElement;
  let events: { send: string[]; typing: number; stopTyping: number; editLast: number };

  async function create(inputs: Record<string, unknown> = {}): Promise<void> {
    fixture = TestBed.createComponent(ComposerComponent);
    fixture.componentRef.setInput('members', MEMBERS);
    fixture.componentRef.setInput('currentUserId', me.id);
    for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
    host = fixture.nativeElement;
    events = { send: [], typing: 0, stopTyping: 0, editLast: 0 };
    const component = fixture.componentInstance;
    component.send.subscribe((content) => events.send.push(content));
    component.typing.subscribe(() => events.typing++);
    component.stopTyping.subscribe(() => events.stopTyping++);
    component.editLast.subscribe(() => events.editLast++);
    await fixture.whenStable();
  }

  const box = () => host.querySelector('textarea') as HTMLTextAreaElement;
  const sendButton = () => host.querySelector('button.send') as HTMLButtonElement;
  const options = () => Array.from(host.querySelectorAll('[role="option"]'));
  /** What a screen reader reads: the text outside aria-hidden parts. */
  const spokenText = (element: Element) => {
    const copy = element.cloneNode(true) as Element;
    copy.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
    return copy.textContent?.replace(/\s+/g, ' ').trim();
  };
  const optionTexts = () => options().map(spokenText);

  /** Types `value` (the whole content) with the caret at `caret` (default: the end). */
  async function type(value: string, caret = value.length): Promise<void> {
    const element = box();
    element.value = value;
    element.setSelectionRange(caret, caret);
    element.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  }

  /** Presses a key in the box; answers whether the component prevented the default action. */
  async function press(key: string, init: KeyboardEventInit = {}): Promise<boolean> {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
    box().dispatchEvent(event);
    await fixture.whenStable();
    return event.defaultPrevented;
  }

  beforeEach(() => {
    sessionStorage.clear();
    localStorage.clear();
  });

  describe('sending', () => {
    beforeEach(() => create());

    it('Enter sends the trimmed text and empties the box', async () => {
      await type('  hello world \n');
      expect(await press('Enter')).toBe(true);
      expect(events.send).toEqual(['hello world']);
      expect(box().value).toBe('');
      expect(sendButton().disabled).toBe(true);
    });

    it('Shift+Enter leaves the newline to the browser and sends nothing', async () => {
      await type('line one');
      expect(await press('Enter', { shiftKey: true })).toBe(false);
      expect(events.send).toEqual([]);
    });

    it('does not send while an IME composition is under way', async () => {
      await type('にほん');
      expect(await press('Enter', { isComposing: true })).toBe(false);
      expect(events.send).toEqual([]);
    });

    it('sends nothing for blank text', async () => {
      await type('   \n  ');
      await press('Enter');
      expect(events.send).toEqual([]);
      expect(sendButton().disabled).toBe(true);
    });

    it('the send button sends too', async () => {
      await type('by click');
      expect(sendButton().disabled).toBe(false);
      sendButton().click();
      await fixture.whenStable();
      expect(events.send).toEqual(['by click']);
    });

    it('announces typing on input and stop-typing when the box is emptied, not on send', async () => {
      await type('h');
      await type('hi');
      expect(events.typing).toBe(2);
      await type('');
      expect(events.stopTyping).toBe(1);
      await type('again');
      await press('Enter');
      expect(events.stopTyping).toBe(1);
    });

    it('Up in an empty box asks to edit the last message; not when there is text', async () => {
      expect(await press('ArrowUp')).toBe(true);
      expect(events.editLast).toBe(1);
      await type('text');
      expect(await press('ArrowUp')).toBe(false);
      expect(events.editLast).toBe(1);
    });

    it('has an accessible name, a keyboard hint and a default placeholder', () => {
      expect(box().getAttribute('aria-label')).toBe('Message');
      expect(box().placeholder).toBe('Write a message…');
      const hintId = box().getAttribute('aria-describedby') as string;
      expect(host.querySelector(`#${hintId}`)?.textContent).toContain('Shift+Enter');
    });
  });

  describe('mention suggestions', () => {
    beforeEach(() => create());

    it('lists members whose username or a word of their name starts with what follows @', async () => {
      await type('hi @al');
      expect(host.querySelector('[role="listbox"]')).not.toBeNull();
      // alice by username, Alan Turing by name; the reader (albert) is left out.
      expect(optionTexts()).toEqual(['Alice Martin @alice', 'Alan Turing @aturing']);
      expect(box().getAttribute('aria-controls')).toBe(host.querySelector('[role="listbox"]')?.id);
      expect(box().getAttribute('aria-activedescendant')).toBe(options()[0].id);
      expect(options()[0].getAttribute('aria-selected')).toBe('true');
    });

    it('ignores case and accents', async () => {
      await type('@ELO');
      expect(optionTexts()).toEqual(['Élodie Durand @elodie']);
    });

    it('arrows move the active option (wrapping), Enter inserts "@username " and closes the list', async () => {
      await type('hi @al and more', 6);
      expect(await press('ArrowDown')).toBe(true);
      expect(box().getAttribute('aria-activedescendant')).toBe(options()[1].id);
      await press('ArrowDown');
      expect(options()[0].getAttribute('aria-selected')).toBe('true');
      await press('ArrowUp');

      expect(await press('Enter')).toBe(true);
      // The space that followed the caret is reused, and the caret goes past it.
      expect(box().value).toBe('hi @aturing and more');
      expect(box().selectionStart).toBe('hi @aturing '.length);
      expect(options()).toHaveLength(0);
      expect(events.send).toEqual([]);
    });

    it('Tab inserts the active suggestion', async () => {
      await type('@ali');
      expect(await press('Tab')).toBe(true);
      expect(box().value).toBe('@alice ');
    });

    it('a click (mousedown) on an option inserts it', async () => {
      await type('cc @el');
      options()[0].dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true }));
      await fixture.whenStable();
      expect(box().value).toBe('cc @elodie ');
    });

    it('offers @here, @channel and @everyone', async () => {
      await type('@he');
      expect(optionTexts()).toEqual(['@here Notify everyone online in this channel']);
      await press('Enter');
      expect(box().value).toBe('@here ');
    });

    it('Escape closes the list; Enter then sends the text as it is', async () => {
      await type('ping @al');
      const escape = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
      const outside = jest.fn();
      host.addEventListener('keydown', outside);
      box().dispatchEvent(escape);
      await fixture.whenStable();
      expect(escape.defaultPrevented).toBe(true);
      expect(outside).not.toHaveBeenCalled();
      expect(options()).toHaveLength(0);

      await type('ping @ali');
      expect(options()).toHaveLength(0);
      await press('Enter');
      expect(events.send).toEqual(['ping @ali']);
    });

    it('does not open for an email address or with no match', async () => {
      await type('mail bob@al');
      expect(options()).toHaveLength(0);
      await type('@zz');
      expect(options()).toHaveLength(0);
    });
  });

  describe('length limit', () => {
    it('shows a counter from 3,500 characters and blocks sending above 4,000', async () => {
      await create();
      await type('x'.repeat(3_499));
      expect(host.querySelector('.counter')).toBeNull();

      await type('x'.repeat(3_500));
      expect(host.querySelector('.counter')?.textContent).toContain('500');
      expect(host.querySelector('.counter')?.textContent).toContain('500 characters left');
      expect(sendButton().disabled).toBe(false);

      await type('x'.repeat(4_012));
      expect(host.querySelector('.counter.over')).not.toBeNull();
      expect(host.querySelector('[role="alert"]')?.textContent?.trim()).toBe('12 characters too many');
      expect(box().getAttribute('aria-invalid')).toBe('true');
      expect(sendButton().disabled).toBe(true);
      await press('Enter');
      expect(events.send).toEqual([]);
    });

    it('counts characters as the server does (code points, after trimming)', async () => {
      await create();
      await type(`  ${'😀'.repeat(4_000)}  `);
      expect(host.querySelector('.counter.over')).toBeNull();
      await press('Enter');
      expect(events.send).toHaveLength(1);
    });

    it('translates the counter', async () => {
      await create();
      TestBed.inject(I18nService).setLocale('fr');
      await type('x'.repeat(4_001));
      expect(host.querySelector('[role="alert"]')?.textContent?.trim()).toBe('1 caractère en trop');
    });
  });

  it('disabled: the box and the button are disabled and nothing is sent', async () => {
    await create({ disabled: true, placeholder: 'This channel is archived' });
    expect(box().disabled).toBe(true);
    expect(box().placeholder).toBe('This channel is archived');
    await press('Enter');
    expect(events.send).toEqual([]);
  });

  describe('drafts', () => {
    it('keeps a draft per key across switches and in sessionStorage', async () => {
      await create({ draftKey: 'channel-1' });
      await type('half-written');
      expect(sessionStorage.getItem(DRAFT_STORAGE_PREFIX + 'channel-1')).toBe('half-written');

      fixture.componentRef.setInput('draftKey', 'channel-2');
      await fixture.whenStable();
      expect(box().value).toBe('');
      await type('another');

      fixture.componentRef.setInput('draftKey', 'channel-1');
      await fixture.whenStable();
      expect(box().value).toBe('half-written');
      fixture.componentRef.setInput('draftKey', 'channel-2');
      await fixture.whenStable();
      expect(box().value).toBe('another');
    });

    it('starts from a stored draft and forgets it once sent', async () => {
      sessionStorage.setItem(DRAFT_STORAGE_PREFIX + 'c9', 'from before');
      await create({ draftKey: 'c9' });
      expect(box().value).toBe('from before');
      await press('Enter');
      expect(events.send).toEqual(['from before']);
      expect(sessionStorage.getItem(DRAFT_STORAGE_PREFIX + 'c9')).toBeNull();
    });
  });
});
