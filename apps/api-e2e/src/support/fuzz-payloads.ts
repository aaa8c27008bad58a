/**
 * Building blocks of the fuzz test: a seeded random generator (a run is reproduced by its seed) and
 * values that are invalid for one kind of field of the wire contract. Every value listed for a field
 * must be refused by the contract's schema for that field, so that a payload with one of them in it
 * can never be a valid request, whatever else it holds.
 */

/** mulberry32: small, fast and good enough to pick test inputs; the same seed gives the same run. */
export class SeededRandom {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, max). */
  int(max: number): number {
    return Math.floor(this.next() * max);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(items.length)];
  }

  /** `count` distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = [...items];
    for (let index = copy.length - 1; index > 0; index -= 1) {
      const other = this.int(index + 1);
      [copy[index], copy[other]] = [copy[other], copy[index]];
    }
    return copy.slice(0, count);
  }
}

/** An object with an own, enumerable key (also for `__proto__`, which a literal would turn into the prototype). */
export function withOwnKey(
  target: Record<string, unknown>,
  key: string,
  value: unknown,
): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...target };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** Operator objects a careless query builder would pass on to the database. */
export const OPERATOR_OBJECTS: readonly unknown[] = [
  { $gt: '' },
  { $ne: null },
  { $where: 'sleep(2000) || true' },
  { $regex: '.*' },
  { $in: ['a'] },
  { $exists: true },
  { $expr: { $eq: [1, 1] } },
];

/** Objects whose own keys would pollute a prototype if they were merged naively. */
export const PROTOTYPE_POLLUTERS: readonly unknown[] = [
  JSON.parse('{"__proto__": {"polluted": true, "role": "admin"}}'),
  JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'),
  JSON.parse('{"prototype": {"polluted": true}}'),
  JSON.parse('{"__proto__": {"__proto__": {"isAdmin": true}}}'),
];

/** Keys that no schema of the contract allows (every contract schema is strict). */
export const FORBIDDEN_KEYS: readonly string[] = [
  '__proto__',
  'constructor',
  'prototype',
  '$where',
  '$gt',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '',
  'role',
  'authorId',
  'id',
];

/** A nesting deep enough to hurt recursive code, still far below the frame and body limits. */
export function deeplyNested(depth: number): unknown {
  return JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`);
}

/** Payloads that are not objects at all. */
export const NON_OBJECTS: readonly unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  3.5,
  1e308,
  '',
  'x',
  '{"channelId":"0"}',
  'a'.repeat(2_000),
  [],
  [1, 2, 3],
  [{}],
  [null],
  deeplyNested(2_000),
];

const CONTROL_AND_UNICODE: readonly string[] = [
  '\u0000',
  '\u0000'.repeat(24),
  '\u202e' + 'a'.repeat(23),
  '\ud800'.repeat(24),
  '\ufeff' + '0'.repeat(23),
  '０'.repeat(24),
  '𝟘'.repeat(24),
];

/** Strings that are not ids (24 lower-case hex characters), for path parameters too. */
export const MALFORMED_ID_STRINGS: readonly string[] = [
  'x',
  '0',
  'null',
  'undefined',
  'NaN',
  '-1',
  '0'.repeat(23),
  '0'.repeat(25),
  'A'.repeat(24),
  'g'.repeat(24),
  ' ' + '0'.repeat(23),
  '0'.repeat(12) + ' ' + '0'.repeat(11),
  '../../etc/passwd',
  '..',
  '%00',
  '$gt',
  '{"$gt":""}',
  '[object Object]',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'a'.repeat(1_000),
  "' OR 1=1 --",
  '0; DROP TABLE messages',
  ...CONTROL_AND_UNICODE,
];

/** Values that are not ids, of every JSON type. */
export const MALFORMED_IDS: readonly unknown[] = [
  ...MALFORMED_ID_STRINGS,
  null,
  0,
  2 ** 80,
  true,
  [],
  ['0'.repeat(24)],
  {},
  { id: '0'.repeat(24) },
  ...OPERATOR_OBJECTS,
  ...PROTOTYPE_POLLUTERS,
];

/** Ids of the right shape that name nothing. */
export const NONEXISTENT_IDS: readonly string[] = [
  '0'.repeat(24),
  'f'.repeat(24),
  '0123456789abcdef01234567',
  '000000000000000000000001',
];

/** Message contents outside 1..4000 characters after trimming, or not strings. */
export const BAD_CONTENTS: readonly unknown[] = [
  '',
  '   ',
  '\n\t \r\n',
  '\u00a0\u2003\u3000',
  'x'.repeat(4_001),
  '😀'.repeat(4_001),
  ' '.repeat(10) + 'y'.repeat(4_001),
  'z'.repeat(50_000),
  42,
  0,
  true,
  null,
  {},
  [],
  ['hello'],
  { text: 'hello' },
  ...OPERATOR_OBJECTS,
  ...PROTOTYPE_POLLUTERS,
];

/** clientMessageIds that are empty, too long (over 64) or not strings. */
export const BAD_CLIENT_MESSAGE_IDS: readonly unknown[] = [
  '',
  'c'.repeat(65),
  'é'.repeat(65),
  7,
  null,
  false,
  {},
  [],
  ['c-1'],
  { $gt: '' },
];

/**
 * Values refused by the contract's sequence numbers (`z.coerce.number().int().min(0)` up to
 * MAX_SAFE_INTEGER). Coercion accepts null, '', true, [] and [5], so none of those is here.
 */
export const BAD_SEQS: readonly unknown[] = [
  -1,
  -0.5,
  1.5,
  'abc',
  'NaN',
  '1e400',
  2 ** 60,
  '9007199254740993',
  '1.5',
  '-7',
  {},
  { $gt: 0 },
  [1, 2],
  'seq',
];

/** Query-string values refused by the seq parameters (`''` would coerce to 0, a valid seq). */
export const BAD_SEQ_QUERY_VALUES: readonly string[] = [
  '-1',
  '1.5',
  'abc',
  'NaN',
  'Infinity',
  '1e400',
  '9007199254740993',
  '0x1z',
  '[]',
  '{"$gt":0}',
  '%00',
  '%24gt',
];

/** Query-string values refused by every page limit (1..max). */
export const BAD_LIMIT_QUERY_VALUES: readonly string[] = [
  '0',
  '-1',
  '',
  '1.5',
  'abc',
  'NaN',
  '1e400',
  '99999999999999999999',
  '100000',
  'null',
];

/** Strings that are neither one emoji grapheme nor a `:shortcode:` of up to 32 characters. */
export const BAD_EMOJIS: readonly string[] = [
  '',
  'x',
  'abc',
  '👍👍',
  '👍 ',
  ':not a code:',
  '::',
  `:${'a'.repeat(33)}:`,
  ':UPPER:',
  '<script>',
  'e'.repeat(10_000),
];

/** Strings that are not booleans, for flags like `isTyping`. */
export const BAD_BOOLEANS: readonly unknown[] = ['true', 'yes', 1, 0, null, {}, [], { $ne: false }];

/** A JSON text of about `bytes` bytes: one object with one long string field. */
export function hugeJson(field: string, bytes: number): string {
  return JSON.stringify({ [field]: 'h'.repeat(bytes) });
}

/** Request bodies that are not JSON objects, as raw text. */
export const RAW_NON_OBJECT_BODIES: readonly string[] = [
  'null',
  'true',
  '42',
  '"a string"',
  '[]',
  '[{}]',
  '[[[[[]]]]]',
  '{',
  '{"a":',
  '{"a" 1}',
  "{'a': 1}",
  'undefined',
  'NaN',
  '\u0000',
  '{}{}',
  '{"a":1,}',
  `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
];

/** Authorization headers that must never authenticate anybody. */
export function badAuthorizations(validToken: string, userId: string): { label: string; header?: string }[] {
  const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const [header, payload] = validToken.split('.');
  const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: userId, role: 'admin' })}.`;
  const forgedPayload = `${header}.${base64url({
    ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8') || '{}'),
    role: 'admin',
  })}.${validToken.split('.')[2] ?? ''}`;
  return [
    { label: 'none' },
    { label: 'empty bearer', header: 'Bearer ' },
    { label: 'garbage', header: 'Bearer x' },
    { label: 'not bearer', header: `Basic ${Buffer.from('a:b').toString('base64')}` },
    { label: 'lower-case scheme, tampered', header: `bearer ${validToken}x` },
    { label: 'truncated signature', header: `Bearer ${validToken.slice(0, -3)}` },
    { label: 'alg none', header: `Bearer ${unsigned}` },
    { label: 'forged payload', header: `Bearer ${forgedPayload}` },
    { label: 'operator', header: 'Bearer {"$gt":""}' },
    { label: 'long', header: `Bearer ${'a'.repeat(8_000)}` },
  ];
}
