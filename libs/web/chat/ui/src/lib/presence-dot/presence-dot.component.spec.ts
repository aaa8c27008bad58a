import { TestBed } from '@angular/core/testing';
import { I18nService } from '@supchat/web/shared/i18n';
import { PresenceDotComponent } from './presence-dot.component';

describe('PresenceDotComponent', () => {
  beforeEach(() => localStorage.clear());

  async function render(inputs: Record<string, unknown>) {
    const fixture = TestBed.createComponent(PresenceDotComponent);
    for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
    await fixture.whenStable();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  it.each([
    ['online', 'Online'],
    ['away', 'Away'],
    ['offline', 'Offline'],
  ])('%s is an image labelled "%s"', async (status, label) => {
    const { element } = await render({ status });
    expect(element.getAttribute('role')).toBe('img');
    expect(element.getAttribute('aria-label')).toBe(label);
    expect(element.getAttribute('data-status')).toBe(status);
  });

  it('adds when an offline user was last seen, in the current language', async () => {
    const lastSeenAt = new Date(Date.now() - 3 * 3_600_000).toISOString();
    const { fixture, element } = await render({ status: 'offline', lastSeenAt });
    expect(element.getAttribute('aria-label')).toBe('Offline · Last seen 3 hours ago');
    TestBed.inject(I18nService).setLocale('fr');
    await fixture.whenStable();
    expect(element.getAttribute('aria-label')).toBe('Hors ligne · Dernière connexion il y a 3 heures');
  });

  it('can be decorative', async () => {
    const { element } = await render({ status: 'online', decorative: true });
    expect(element.getAttribute('aria-hidden')).toBe('true');
    expect(element.getAttribute('aria-label')).toBeNull();
  });
});
