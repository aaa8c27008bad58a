import { renderMarkdown } from './render-markdown';
import type { MentionContext } from './render-markdown';

/** Renders into a detached element, as the browser would parse the HTML. */
function render(content: string, mentions?: MentionContext): HTMLElement {
  const element = document.createElement('div');
  element.innerHTML = renderMarkdown(content, mentions);
  return element;
}

const allAttributes = (element: HTMLElement) =>
  Array.from(element.querySelectorAll('*')).flatMap((node) =>
    Array.from(node.attributes).map((attribute) => `${attribute.name}=${attribute.value}`),
  );

describe('renderMarkdown: safety', () => {
  it('shows an <img onerror> as literal text: no img element, no onerror attribute anywhere', () => {
    const element = render('<img src=x onerror=alert(1)>');
    expect(element.querySelector('img')).toBeNull();
    expect(element.innerHTML).not.toMatch(/<img/i);
    expect(allAttributes(element).some((attribute) => attribute.startsWith('onerror'))).toBe(false);
    expect(element.textContent?.trim()).toBe('<img src=x onerror=alert(1)>');
  });

  it('shows <script> as text and never creates a script element', () => {
    const element = render('hello <script>alert(1)</script> world');
    expect(element.querySelector('script')).toBeNull();
    expect(element.textContent?.trim()).toBe('hello <script>alert(1)</script> world');
  });

  it('shows block-level HTML as text too', () => {
    const element = render(
      '<div onclick="alert(1)">\n**x**\n</div>\n\n<iframe src="https://evil.example"></iframe>',
    );
    expect(element.querySelector('div, iframe')).toBeNull();
    expect(element.textContent).toContain('<div onclick="alert(1)">');
    expect(element.textContent).toContain('<iframe src="https://evil.example"></iframe>');
  });

  it.each([
    ['[x](javascript:alert(1))'],
    ['[x](JaVaScRiPt:alert(1))'],
    ['[x](&#106;avascript:alert(1))'],
    ['[x](&#x6A;avascript:alert(1))'],
    ['[x](java&#115;cript:alert(1))'],
    ['[x]( javascript:alert(1))'],
    ['[x](<javascript:alert(1)>)'],
    ['[x](java\tscript:alert(1))'],
    ['[x](vbscript:msgbox(1))'],
    ['[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['[x](DATA:text/html,<script>alert(1)</script>)'],
    ['<javascript:alert(1)>'],
    ['<data:text/html,alert(1)>'],
    ['[x][ref]\n\n[ref]: javascript:alert(1)'],
    ['[x](/relative/path)'],
    ['[x](//evil.example/path)'],
    ['[![x](https://example.com/a.png)](javascript:alert(1))'],
  ])('%s renders inert: no link, no dangerous URL', (source) => {
    const element = render(source);
    expect(element.querySelector('a')).toBeNull();
    expect(element.querySelector('img')).toBeNull();
    expect(element.innerHTML).not.toMatch(/href|src=/i);
  });

  it('keeps an unsafe link’s text visible, as typed', () => {
    expect(render('[x](javascript:alert(1))').textContent?.trim()).toBe('[x](javascript:alert(1))');
  });

  it('never renders images, nor headings, tables or rules', () => {
    const element = render(
      '![alt](https://example.com/a.png)\n\n# Title\n\nSub\n===\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n---',
    );
    expect(element.querySelector('img, h1, h2, h3, h4, h5, h6, table, hr')).toBeNull();
    expect(element.textContent).toContain('![alt](https://example.com/a.png)');
    expect(element.textContent).toContain('# Title');
    expect(element.textContent).toContain('| a | b |');
  });

  it('cannot break out of an attribute', () => {
    const element = render('[x](https://example.com/"onmouseover="alert(1) "title")');
    const attributes = allAttributes(element);
    expect(attributes.some((attribute) => attribute.startsWith('onmouseover'))).toBe(false);
  });

  it('does not turn a task list into form controls', () => {
    const element = render('- [x] done\n- [ ] todo');
    expect(element.querySelector('input')).toBeNull();
    expect(element.textContent).toContain('[x] done');
  });

  it('escapes HTML inside code', () => {
    const element = render('`<b>x</b>`\n\n```html\n<img src=x onerror=alert(1)>\n```');
    expect(element.querySelector('b, img')).toBeNull();
    expect(element.querySelector('code')?.textContent).toBe('<b>x</b>');
    expect(element.querySelector('pre code')?.textContent).toBe('<img src=x onerror=alert(1)>\n');
  });
});

describe('renderMarkdown: formatting', () => {
  it('renders bold, italic, strikethrough and inline code', () => {
    const element = render('**bold** *italic* _also_ ~~gone~~ `code`');
    expect(element.querySelector('strong')?.textContent).toBe('bold');
    expect(Array.from(element.querySelectorAll('em')).map((em) => em.textContent)).toEqual([
      'italic',
      'also',
    ]);
    expect(element.querySelector('del')?.textContent).toBe('gone');
    expect(element.querySelector('code')?.textContent).toBe('code');
  });

  it('renders fenced code blocks', () => {
    const element = render('```ts\nconst a = 1;\n```');
    expect(element.querySelector('pre > code')?.textContent).toBe('const a = 1;\n');
  });

  it('renders safe links opening in a new tab without an opener', () => {
    const element = render(
      '[docs](https://example.com/a?b=1&c=2) and <https://example.org> and www.example.net',
    );
    const links = Array.from(element.querySelectorAll('a'));
    expect(links.map((link) => link.getAttribute('href'))).toEqual([
      'https://example.com/a?b=1&c=2',
      'https://example.org',
      'http://www.example.net',
    ]);
    for (const link of links) {
      expect(link.getAttribute('target')).toBe('_blank');
      expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    }
    expect(links[0].textContent).toBe('docs');
  });

  it('links mailto and bare email addresses', () => {
    const element = render('[mail me](mailto:a@example.com) or b@example.com');
    expect(Array.from(element.querySelectorAll('a')).map((link) => link.getAttribute('href'))).toEqual([
      'mailto:a@example.com',
      'mailto:b@example.com',
    ]);
  });

  it('renders lists, numbered lists with their start, and block quotes', () => {
    const element = render('- one\n- two\n\n3. three\n4. four\n\n> quoted');
    expect(Array.from(element.querySelectorAll('ul > li')).map((li) => li.textContent)).toEqual([
      'one',
      'two',
    ]);
    expect(element.querySelector('ol')?.getAttribute('start')).toBe('3');
    expect(element.querySelector('blockquote')?.textContent?.trim()).toBe('quoted');
  });

  it('keeps single line breaks', () => {
    const element = render('line one\nline two');
    expect(element.querySelectorAll('br')).toHaveLength(1);
  });

  it('shows entities and special characters as the user typed them', () => {
    expect(render('a < b && c > d "q" \'s\'').textContent?.trim()).toBe('a < b && c > d "q" \'s\'');
  });
});

describe('renderMarkdown: mentions', () => {
  const usernames = new Map([
    ['alice', 'id-alice'],
    ['bob', 'id-bob'],
    ['jane.doe', 'id-jane'],
  ]);
  const context = (mentions: string[], currentUserId: string | null = 'id-bob'): MentionContext => ({
    mentions,
    usernames,
    currentUserId,
  });

  it('highlights mentioned members, and the reader’s own mention with a class of its own', () => {
    const element = render('hi @alice and @Bob', context(['id-alice', 'id-bob']));
    const spans = Array.from(element.querySelectorAll('span.mention'));
    expect(spans.map((span) => [span.textContent, span.className])).toEqual([
      ['@alice', 'mention'],
      ['@Bob', 'mention mention-self'],
    ]);
  });

  it('highlights channel-wide mentions', () => {
    const element = render('@here and @channel and @everyone', context([]));
    expect(Array.from(element.querySelectorAll('.mention-channel')).map((span) => span.textContent)).toEqual([
      '@here',
      '@channel',
      '@everyone',
    ]);
  });

  it('leaves names that are unknown or not in the message’s mentions as text', () => {
    const element = render('@alice @carol', context(['id-bob']));
    expect(element.querySelector('.mention')).toBeNull();
    expect(element.textContent?.trim()).toBe('@alice @carol');
  });

  it('keeps sentence punctuation out of the mention, and dots inside it', () => {
    const element = render('thanks @jane.doe.', context(['id-jane']));
    expect(element.querySelector('.mention')?.textContent).toBe('@jane.doe');
    expect(element.textContent?.trim()).toBe('thanks @jane.doe.');
  });

  it('does not highlight inside code, links or email addresses', () => {
    const element = render(
      '`@alice` [@alice](https://example.com) https://example.com/@alice alice@example.com',
      context(['id-alice']),
    );
    expect(element.querySelector('.mention')).toBeNull();
  });

  it('highlights inside emphasis and lists', () => {
    const element = render('**@alice**\n\n- @here', context(['id-alice']));
    expect(element.querySelector('strong .mention')?.textContent).toBe('@alice');
    expect(element.querySelector('li .mention-channel')?.textContent).toBe('@here');
  });
});
