import { TestBed } from '@angular/core/testing';
import type { UserSummary } from '@supchat/contracts';
import { AVATAR_COLORS, AvatarComponent, avatarColor, initialsOf } from './avatar.component';

const grace: UserSummary = {
  id: '65f0a1b2c3d4e5f6a7b8c9d0',
  username: 'grace',
  displayName: 'Grace Hopper',
  avatarUrl: null,
};

describe('avatar helpers', () => {
  it('takes the initials of the first and last words, whole graphemes, upper-cased', () => {
    expect(initialsOf('Grace Hopper')).toBe('GH');
    expect(initialsOf('Jean-Luc de la Tour')).toBe('JT');
    expect(initialsOf('élodie')).toBe('É');
    expect(initialsOf('  ')).toBe('');
    expect(initialsOf('👩‍💻 Dev')).toBe('👩‍💻D');
  });

  it('gives a user always the same colour, from the palette', () => {
    expect(avatarColor(grace.id)).toBe(avatarColor(grace.id));
    expect(AVATAR_COLORS).toContain(avatarColor(grace.id));
    const colours = new Set(Array.from({ length: 50 }, (_, i) => avatarColor(`user-${i}`)));
    expect(colours.size).toBeGreaterThan(5);
  });
});

describe('AvatarComponent', () => {
  async function render(inputs: Record<string, unknown>) {
    const fixture = TestBed.createComponent(AvatarComponent);
    for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
    await fixture.whenStable();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  it('shows initials on the user’s colour at the given size, hidden from screen readers by default', async () => {
    const { element } = await render({ user: grace, size: 48 });
    expect(element.textContent?.trim()).toBe('GH');
    expect(element.style.getPropertyValue('--avatar-size')).toBe('48px');
    expect(element.style.backgroundColor).not.toBe('');
    expect(element.getAttribute('aria-hidden')).toBe('true');
    expect(element.getAttribute('role')).toBeNull();
  });

  it('is a labelled image when not decorative', async () => {
    const { element } = await render({ user: grace, decorative: false });
    expect(element.getAttribute('role')).toBe('img');
    expect(element.getAttribute('aria-label')).toBe('Grace Hopper');
  });

  it('shows the picture, and the initials again if it fails to load; only http(s) or same-site URLs', async () => {
    const { fixture, element } = await render({ user: { ...grace, avatarUrl: 'https://cdn.example/g.png' } });
    const img = element.querySelector('img') as HTMLImageElement;
    expect(img.getAttribute('src')).toBe('https://cdn.example/g.png');
    expect(img.alt).toBe('');
    img.dispatchEvent(new Event('error'));
    await fixture.whenStable();
    expect(element.querySelector('img')).toBeNull();
    expect(element.textContent?.trim()).toBe('GH');

    fixture.componentRef.setInput('user', { ...grace, avatarUrl: 'javascript:alert(1)' });
    await fixture.whenStable();
    expect(element.querySelector('img')).toBeNull();
  });
});
