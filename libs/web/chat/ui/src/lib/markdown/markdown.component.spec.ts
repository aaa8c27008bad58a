import { TestBed } from '@angular/core/testing';
import type { UserSummary } from '@supchat/contracts';
import { MarkdownComponent, usernamesOf } from './markdown.component';

const alice: UserSummary = { id: 'a'.repeat(24), username: 'alice', displayName: 'Alice', avatarUrl: null };
const bob: UserSummary = { id: 'b'.repeat(24), username: 'bob', displayName: 'Bob', avatarUrl: null };

describe('MarkdownComponent', () => {
  async function render(inputs: Record<string, unknown>) {
    const fixture = TestBed.createComponent(MarkdownComponent);
    for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
    await fixture.whenStable();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  it('renders markdown into the element', async () => {
    const { element } = await render({ content: '**hi** [site](https://example.com)' });
    expect(element.querySelector('strong')?.textContent).toBe('hi');
    expect(element.querySelector('a')?.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('renders hostile input as text through the whole binding', async () => {
    const { element } = await render({ content: '<img src=x onerror=alert(1)> [x](javascript:alert(1))' });
    expect(element.querySelector('img, a')).toBeNull();
    expect(element.textContent).toContain('<img src=x onerror=alert(1)>');
  });

  it('highlights mentions of members and of the reader, and updates with its inputs', async () => {
    const { fixture, element } = await render({
      content: 'hey @alice and @bob',
      mentions: [alice.id, bob.id],
      members: [alice, bob],
      currentUserId: bob.id,
    });
    expect(element.querySelector('.mention:not(.mention-self)')?.textContent).toBe('@alice');
    expect(element.querySelector('.mention-self')?.textContent).toBe('@bob');

    fixture.componentRef.setInput('content', 'edited: no mentions');
    await fixture.whenStable();
    expect(element.querySelector('.mention')).toBeNull();
    expect(element.textContent?.trim()).toBe('edited: no mentions');
  });

  it('builds the username map once per members array', () => {
    const members = [alice, bob];
    expect(usernamesOf(members)).toBe(usernamesOf(members));
    expect(usernamesOf(members).get('alice')).toBe(alice.id);
  });
});
