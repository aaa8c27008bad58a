import { TestBed } from '@angular/core/testing';
import { I18nService, LOCALE_STORAGE_KEY } from '../i18n.service';
import { LanguageSwitcherComponent } from './language-switcher.component';

describe('LanguageSwitcherComponent', () => {
  beforeEach(() => localStorage.clear());

  async function render() {
    const fixture = TestBed.createComponent(LanguageSwitcherComponent);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    return { fixture, element, select: element.querySelector('select') as HTMLSelectElement };
  }

  it('is a labelled select listing each language in its own language', async () => {
    const { element, select } = await render();
    expect(element.querySelector('label')?.textContent).toContain('Language');
    const options = Array.from(select.options).map((option) => [option.value, option.text, option.lang]);
    expect(options).toEqual([
      ['en', 'English', 'en'],
      ['fr', 'Français', 'fr'],
    ]);
    expect(select.value).toBe('en');
  });

  it('shows the current language as chosen, also when it is not the first option', async () => {
    localStorage.setItem(LOCALE_STORAGE_KEY, 'fr');
    const { select } = await render();
    expect(select.value).toBe('fr');
    expect(select.selectedOptions[0].text).toBe('Français');
  });

  it('switches the language when another option is chosen', async () => {
    const { fixture, element, select } = await render();
    select.value = 'fr';
    select.dispatchEvent(new Event('change'));
    await fixture.whenStable();

    expect(TestBed.inject(I18nService).locale()).toBe('fr');
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('fr');
    expect(element.querySelector('label')?.textContent).toContain('Langue');
    expect(select.value).toBe('fr');
  });
});
