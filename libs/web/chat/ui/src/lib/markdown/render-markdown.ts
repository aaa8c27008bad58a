import DOMPurify from 'dompurify';
import type { Tokens } from 'marked';
import { Marked } from 'marked';
import { CHANNEL_WIDE_MENTIONS, MENTION_PATTERN, mentionName } from '../mentions';

/** How `@names` in a message are shown. */
export interface MentionContext {
  /** The ids the server found mentioned in the message (`Message.mentions`). */
  mentions: readonly string[];
  /** Lower-case username -> user id, for the members the client knows. */
  usernames: ReadonlyMap<string, string>;
  /** The reader: mentions of them get the `mention-self` class. */
  currentUserId: string | null;
}

const NO_MENTIONS: MentionContext = { mentions: [], usernames: new Map(), currentUserId: null };

/** The only tags and attributes a rendered message may contain (everything else is removed). */
const ALLOWED_TAGS = [
  'p',
  'br',
  'strong',
  'em',
  'del',
  'code',
  'pre',
  'a',
  'ul',
  'ol',
  'li',
  'blockquote',
  'span',
];
const ALLOWED_ATTR = ['href', 'target', 'rel', 'title', 'class', 'start'];
const SAFE_URL = /^(?:https?:\/\/|mailto:)/i;

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Links only to http(s) and mailto; decided on the URL as written, before any decoding. */
export function isSafeHref(href: string): boolean {
  return SAFE_URL.test(href) && !/[\s\p{Cc}]/u.test(href);
}

// The parse is synchronous: these hold the current call's context while marked calls the renderer.
let context: MentionContext = NO_MENTIONS;
let linkDepth = 0;

function renderMentions(text: string): string {
  let html = '';
  let last = 0;
  for (const match of text.matchAll(MENTION_PATTERN)) {
    const at = match.index + match[1].length;
    const name = mentionName(match[2]);
    const end = at + 1 + name.length;
    const classes = mentionClasses(name);
    if (!classes) continue;
    html +=
      escapeHtml(text.slice(last, at)) + `<span class="${classes}">${escapeHtml(text.slice(at, end))}</span>`;
    last = end;
  }
  return html + escapeHtml(text.slice(last));
}

function mentionClasses(name: string): string | null {
  if (CHANNEL_WIDE_MENTIONS.includes(name)) return 'mention mention-channel';
  const userId = context.usernames.get(name);
  if (userId === undefined || !context.mentions.includes(userId)) return null;
  return userId === context.currentUserId ? 'mention mention-self' : 'mention';
}

const markdown = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  // Returning undefined from a block or inline tokenizer means "no match here": the text then stays
  // ordinary paragraph text. So: no raw HTML, no headings, no tables, no rules, no reference definitions.
  tokenizer: {
    html: () => undefined,
    tag: () => undefined,
    heading: () => undefined,
    lheading: () => undefined,
    table: () => undefined,
    hr: () => undefined,
    def: () => undefined,
  },
  renderer: {
    // Fallbacks, should a token of these kinds still appear: shown as the text that was typed.
    html: ({ text }) => escapeHtml(text),
    heading({ tokens }) {
      return `<p>${this.parser.parseInline(tokens)}</p>\n`;
    },
    hr: ({ raw }) => `<p>${escapeHtml(raw)}</p>\n`,
    image: ({ raw }) => escapeHtml(raw),
    checkbox: ({ checked }) => (checked ? '[x] ' : '[ ] '),
    link(token: Tokens.Link) {
      if (!isSafeHref(token.href)) return escapeHtml(token.raw);
      linkDepth++;
      try {
        const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
        const text = this.parser.parseInline(token.tokens);
        return `<a href="${escapeHtml(token.href)}"${title} target="_blank" rel="noopener noreferrer">${text}</a>`;
      } finally {
        linkDepth--;
      }
    },
    text(token: Tokens.Text | Tokens.Escape) {
      if ('tokens' in token && token.tokens) return this.parser.parseInline(token.tokens);
      return linkDepth > 0 ? escapeHtml(token.text) : renderMentions(token.text);
    },
  },
});

let purifier: ReturnType<typeof DOMPurify> | null = null;

function sanitizer(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier;
  // An instance of our own, so our hook does not change other users of DOMPurify.
  const instance = DOMPurify(window);
  instance.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName !== 'A') return;
    const href = node.getAttribute('href');
    if (href === null || !isSafeHref(href)) {
      node.removeAttribute('href');
    } else {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });
  purifier = instance;
  return instance;
}

/**
 * Message content as safe HTML: the markdown subset chat needs (bold, italic, strikethrough, code,
 * code blocks, links, lists, quotes, line breaks), with any HTML in the source shown as text, links only
 * to http(s) and mailto (opening in a new tab), and `@mentions` wrapped in `<span class="mention">`.
 * The result then goes through DOMPurify with a short allow-list, so a renderer bug cannot open a hole.
 */
export function renderMarkdown(content: string, mentions: MentionContext = NO_MENTIONS): string {
  context = mentions;
  linkDepth = 0;
  let html: string;
  try {
    html = markdown.parse(content, { async: false });
  } finally {
    context = NO_MENTIONS;
  }
  return sanitizer().sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOWED_URI_REGEXP: SAFE_URL,
    // DOMPurify checks every other attribute's value against the URL pattern too; these are not URLs.
    ADD_URI_SAFE_ATTR: ['start', 'target', 'rel'],
  });
}
