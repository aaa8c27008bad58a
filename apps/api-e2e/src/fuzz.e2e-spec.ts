import type { Channel, ClientToServerEvents, ErrorCode, Message } from '@supchat/contracts';
import {
  CLIENT_EVENTS,
  ERROR_CODES,
  HTTP_STATUS_BY_ERROR_CODE,
  LIMITS,
  REST_ROUTES,
} from '@supchat/contracts';
import { io } from 'socket.io-client';
import type { Session } from './support/chat';
import { allMessages, channel, post, users } from './support/chat';
import { describeEachEngine } from './support/engines';
import {
  BAD_BOOLEANS,
  BAD_CLIENT_MESSAGE_IDS,
  BAD_CONTENTS,
  BAD_EMOJIS,
  BAD_LIMIT_QUERY_VALUES,
  BAD_SEQ_QUERY_VALUES,
  BAD_SEQS,
  FORBIDDEN_KEYS,
  MALFORMED_ID_STRINGS,
  MALFORMED_IDS,
  NON_OBJECTS,
  NONEXISTENT_IDS,
  OPERATOR_OBJECTS,
  PROTOTYPE_POLLUTERS,
  RAW_NON_OBJECT_BODIES,
  SeededRandom,
  badAuthorizations,
  hugeJson,
  withOwnKey,
} from './support/fuzz-payloads';
import { request } from './support/http';
import type { ClientSocket, ConnectedClient } from './support/sockets';
import { closeAllSockets, connectClient, emitWithAck, expectOk, settle } from './support/sockets';

/** Replay a failing run with FUZZ_SEED=<the printed seed>. */
const SEED = Number(process.env['FUZZ_SEED'] ?? 20_250_611);
const MIN_INPUTS = 1_000;
const HTTP_CONCURRENCY = 12;
const SOCKET_CONCURRENCY = 12;
const ACK_TIMEOUT_MS = 5_000;
const HTTP_TIMEOUT_MS = 10_000;
/** Path segments sent as they are (not percent-encoded again): bad escapes, NUL, encoded dots. */
const RAW_PATH_SEGMENTS = ['%00', '%', '%zz', '%2e%2e', '%ED%A0%80', '..%2F..%2Fetc%2Fpasswd', '%E2%80%AE'];
/** A stack frame leaking into an error body or ack. */
const STACK_TRACE = /\bat .+\.(m?js|ts):\d+|node_modules\//;
/** Fails to compile when ClientToServerEvents gains an event this test does not fuzz. */
const EVERY_CLIENT_EVENT_IS_FUZZED: [
  Exclude<keyof ClientToServerEvents, (typeof CLIENT_EVENTS)[number]>,
] extends [never]
  ? true
  : never = true;
const UNKNOWN_EVENTS: readonly string[] = [
  '',
  ' ',
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'prototype',
  'error',
  'ready',
  'message-sent',
  'new-message',
  'message-updated',
  'session-expired',
  'SEND-MESSAGE',
  'send-message ',
  'send_message',
  'sendMessage',
  'sync\u0000',
  'edit-message\n',
  'delete',
  'join',
  'leave',
  'admin',
  '$where',
  '../../etc/passwd',
  '😀',
  '\u202eegassem-dnes',
  'a'.repeat(100),
  'x'.repeat(10_000),
];

type Actor = 'owner' | 'member' | 'outsider';
const NO_ACK = Symbol('no ack');

interface World {
  admin: Session;
  owner: Session;
  member: Session;
  outsider: Session;
  /** Member of the public channel; never fuzzes, so its send quota is whole for the final valid send. */
  bystander: Session;
  pub: Channel;
  priv: Channel;
  dm: Channel;
  /** pub: by owner. */
  m1: Message;
  /** pub: by member, edited. */
  m2: Message;
  /** pub: by owner, deleted. */
  m3: Message;
  /** pub: by member, a reply to m1. */
  r1: Message;
  /** priv: by owner. */
  p1: Message;
  /** dm: by owner. */
  d1: Message;
}

interface FieldSpec {
  required: boolean;
  /** Values the contract refuses for this field, whatever the rest of the payload holds. */
  bad: readonly unknown[];
}
type Shape = Record<string, FieldSpec>;
interface Variant {
  label: string;
  value: unknown;
}

interface HttpCase {
  group: string;
  label: string;
  method: string;
  path: string;
  authorization?: string;
  contentType?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Codes the route may answer with; undefined: any contract code of a 4xx. */
  declared?: readonly ErrorCode[];
  expectStatus?: number;
}

interface SocketCase {
  group: string;
  label: string;
  actor: Actor;
  event: string;
  args: unknown[];
}

function preview(value: unknown, max = 160): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text;
}

/** Emits any event with any arguments, past the typed event map. */
function emitUntyped(socket: ClientSocket, event: string, ...args: unknown[]): void {
  (socket as unknown as { emit: (event: string, ...rest: unknown[]) => void }).emit(event, ...args);
}

/** Sockets coming and going (throw-away ones included) may announce that somebody is online. */
function isOnlinePresence(entry: { event: string; payload: unknown }): boolean {
  return entry.event === 'presence' && isRecord(entry.payload) && entry.payload['status'] === 'online';
}

/** Presence without lastSeenAt, which moves whenever a socket of the user disconnects. */
function withoutLastSeen(members: unknown): unknown {
  if (!Array.isArray(members)) return members;
  return members.map((member: unknown) => {
    if (!isRecord(member) || !isRecord(member['presence'])) return member;
    return { ...member, presence: { ...member['presence'], lastSeenAt: 'ignored' } };
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function without(template: Record<string, unknown>, field: string): Record<string, unknown> {
  const copy = { ...template };
  delete copy[field];
  return copy;
}

const encodeSegment = (value: string): string => {
  try {
    return encodeURIComponent(value);
  } catch {
    // A lone surrogate cannot be encoded: send invalid UTF-8 instead.
    return '%ED%A0%80';
  }
};

function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/:(\w+)/g, (_, name: string) => params[name] ?? `:${name}`);
}

async function runPool<T>(
  items: readonly T[],
  limit: number,
  worker: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      await worker(item);
    }
  });
  await Promise.all(lanes);
}

/**
 * Payloads made from a valid-looking template by breaking it: a bad value in one field, a required
 * field left out, a key no schema allows, a polluter merged in, a whole payload that is not an object,
 * huge strings, and random combinations. Every one is refused by the contract's strict schema.
 */
function brokenPayloads(
  rng: SeededRandom,
  template: Record<string, unknown>,
  shape: Shape,
  options: { perField: number; combos: number; hugeBytes: number; nonObjects: readonly unknown[] },
): Variant[] {
  const variants: Variant[] = [];
  const fields = Object.keys(shape);
  for (const field of fields) {
    for (const bad of rng.sample(shape[field].bad, options.perField)) {
      variants.push({ label: `${field}=${preview(bad, 40)}`, value: { ...template, [field]: bad } });
    }
    if (shape[field].required) variants.push({ label: `without ${field}`, value: without(template, field) });
    variants.push({ label: `huge ${field}`, value: { ...template, [field]: 'h'.repeat(options.hugeBytes) } });
  }
  for (const key of rng.sample(FORBIDDEN_KEYS, 4)) {
    variants.push({
      label: `extra key ${preview(key)}`,
      value: withOwnKey(template, key, rng.pick([...OPERATOR_OBJECTS, ...PROTOTYPE_POLLUTERS, 1, 'x'])),
    });
  }
  for (const polluter of PROTOTYPE_POLLUTERS) {
    variants.push({
      label: `merged ${preview(polluter, 40)}`,
      value: { ...template, ...(polluter as object) },
    });
    variants.push({ label: `only ${preview(polluter, 40)}`, value: polluter });
  }
  for (const operator of rng.sample(OPERATOR_OBJECTS, 3)) {
    variants.push({ label: `whole payload ${preview(operator, 40)}`, value: operator });
  }
  variants.push({ label: 'empty object', value: {} });
  for (const value of options.nonObjects) variants.push({ label: `non-object ${preview(value, 40)}`, value });
  const required = fields.filter((field) => shape[field].required);
  for (let combo = 0; combo < options.combos; combo += 1) {
    let value: Record<string, unknown> = { ...template };
    const steps: string[] = [];
    const breaks = 1 + rng.int(3);
    for (let step = 0; step < breaks; step += 1) {
      const kind = rng.int(3);
      if (kind === 0 && required.length > 0) {
        const field = rng.pick(required);
        value = without(value, field);
        steps.push(`-${field}`);
      } else if (kind === 1) {
        const key = rng.pick(FORBIDDEN_KEYS);
        value = withOwnKey(value, key, rng.pick(MALFORMED_IDS));
        steps.push(`+${preview(key)}`);
      } else {
        const field = rng.pick(fields);
        const bad = rng.pick(shape[field].bad);
        value = { ...value, [field]: bad };
        steps.push(`${field}=${preview(bad, 24)}`);
      }
    }
    variants.push({ label: `combo ${steps.join(' ')}`, value });
  }
  return variants;
}

const ID_FIELD = (required: boolean): FieldSpec => ({ required, bad: MALFORMED_IDS });

describeEachEngine('fuzz', (subject) => {
  const url = () => subject.server().baseUrl;
  let world: World;
  let before: unknown;
  const clients = new Map<Actor, ConnectedClient>();
  let bystanderClient: ConnectedClient;
  /** Index into each watched socket's event list where the fuzz started. */
  const eventMarks = new Map<ConnectedClient, number>();

  async function getJson<T>(path: string, session: Session): Promise<T> {
    const response = await request<T>(url(), 'GET', path, { token: session.accessToken });
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${preview(response.body)}`);
    return response.body;
  }

  /** Everything a fuzzed request could have changed, as the server reports it. */
  async function snapshot(): Promise<unknown> {
    const { admin, owner, member, outsider, bystander, pub, priv, dm } = world;
    const everyone = { admin, owner, member, outsider, bystander };
    const rooms = { pub, priv, dm };
    const perUser = async <T>(path: string) =>
      Object.fromEntries(
        await Promise.all(
          Object.entries(everyone).map(async ([name, session]) => [name, await getJson<T>(path, session)]),
        ),
      );
    const perRoom = async <T>(read: (room: Channel) => Promise<T>) =>
      Object.fromEntries(
        await Promise.all(Object.entries(rooms).map(async ([name, room]) => [name, await read(room)])),
      );
    return {
      changes: await perRoom((room) => allMessages(url(), owner, room.id)),
      timelines: await perRoom((room) => getJson(`/api/channels/${room.id}/messages?limit=100`, owner)),
      channels: await perRoom((room) => getJson(`/api/channels/${room.id}`, owner)),
      members: await perRoom(async (room) =>
        withoutLastSeen(await getJson(`/api/channels/${room.id}/members?limit=500`, owner)),
      ),
      myChannels: await perUser('/api/channels'),
      me: await perUser('/api/users/me'),
      users: await getJson('/api/users?limit=50', admin),
      browse: await getJson('/api/channels/browse?limit=100', outsider),
    };
  }

  beforeAll(async () => {
    console.info(`fuzz [${subject.engine}]: seed ${SEED} (replay with FUZZ_SEED=${SEED})`);
    // The first account of a server is a global admin: it never fuzzes, so nobody fuzzing has
    // moderation rights beyond the channels they own.
    const [admin, owner, member, outsider, bystander] = await users(url(), 5);
    expect([admin, owner, member, outsider, bystander].map((session) => session.user.role)).toEqual([
      'admin',
      'member',
      'member',
      'member',
      'member',
    ]);
    const pub = await channel(url(), owner, [member, bystander], 'public');
    const priv = await channel(url(), owner, [member], 'private');
    const direct = await request<Channel>(url(), 'POST', '/api/channels/direct', {
      token: owner.accessToken,
      body: { userIds: [member.user.id] },
    });
    expect(direct.status).toBeLessThan(300);
    const dm = direct.body;

    const m1 = await post(url(), owner, pub.id, 'first, by the owner');
    const m2 = await post(url(), member, pub.id, 'by the member, to be edited');
    const m3 = await post(url(), owner, pub.id, 'by the owner, to be deleted');
    const reply = await request<Message>(url(), 'POST', `/api/channels/${pub.id}/messages`, {
      token: member.accessToken,
      body: { content: 'a reply', parentId: m1.id },
    });
    expect(reply.status).toBe(201);
    const p1 = await post(url(), owner, priv.id, 'private words');
    await post(url(), member, priv.id, 'private reply');
    const d1 = await post(url(), owner, dm.id, 'just between us');
    await post(url(), member, dm.id, 'indeed');
    const edited = await request<Message>(url(), 'PATCH', `/api/messages/${m2.id}`, {
      token: member.accessToken,
      body: { content: 'by the member, edited' },
    });
    expect(edited.status).toBe(200);
    const deleted = await request(url(), 'DELETE', `/api/messages/${m3.id}`, { token: owner.accessToken });
    expect(deleted.status).toBe(200);

    world = {
      admin,
      owner,
      member,
      outsider,
      bystander,
      pub,
      priv,
      dm,
      m1,
      m2: edited.body,
      m3,
      r1: reply.body,
      p1,
      d1,
    };
    for (const [actor, session] of [
      ['owner', owner],
      ['member', member],
      ['outsider', outsider],
    ] as const) {
      clients.set(actor, await connectClient(url(), session.accessToken));
    }
    bystanderClient = await connectClient(url(), bystander.accessToken);
    // Taken with everybody connected, so that presence reads the same before and after.
    await settle(300);
    before = await snapshot();
    for (const client of [...clients.values(), bystanderClient]) eventMarks.set(client, client.events.length);
  }, 60_000);

  afterAll(() => closeAllSockets());

  /** Every REST route of the contract, broken in every way that applies to it. */
  function httpCases(rng: SeededRandom): HttpCase[] {
    const w = world;
    const bearer = (session: Session) => `Bearer ${session.accessToken}`;
    const cases: HttpCase[] = [];
    const nonexistent = NONEXISTENT_IDS[0];
    const email: FieldSpec = {
      required: true,
      bad: [
        '',
        'not-an-email',
        'a@',
        '@example.com',
        'a b@example.com',
        `${'e'.repeat(250)}@e.com`,
        5,
        null,
        {},
        [],
        ...OPERATOR_OBJECTS,
      ],
    };
    const refreshToken: FieldSpec = {
      required: true,
      bad: ['', 'r'.repeat(257), 5, null, {}, [], ['t'], ...OPERATOR_OBJECTS],
    };
    const channelName: FieldSpec = {
      required: true,
      bad: [
        '',
        '   ',
        'no/slash',
        'a.b',
        '#room',
        'room!',
        'n'.repeat(81),
        5,
        null,
        {},
        [],
        ...OPERATOR_OBJECTS,
      ],
    };
    const topic: FieldSpec = {
      required: false,
      bad: ['t'.repeat(251), 5, true, {}, [], ...OPERATOR_OBJECTS],
    };
    const content: FieldSpec = { required: true, bad: BAD_CONTENTS };

    interface Profile {
      actor?: Session;
      params?: Record<string, string>;
      body?: { template: Record<string, unknown>; shape: Shape };
      queries?: string[];
      /** Well-formed requests that a correct server refuses (no right, no such thing, conflict). */
      refusals?: { label: string; actor?: Session; params?: Record<string, string>; body?: unknown }[];
      /** More refused values for one path parameter, besides the malformed ids. */
      paramValues?: Record<string, readonly string[]>;
    }
    const seqQueries = (name: string) => BAD_SEQ_QUERY_VALUES.map((value) => `${name}=${value}`);
    const limitQueries = (max: number, extra = '') => [
      ...BAD_LIMIT_QUERY_VALUES.map((value) => `${extra}limit=${value}`),
      `${extra}limit=${max + 1}`,
      `${extra}limit=1&limit=2`,
    ];
    const oddQueries = (extra = '') => [
      `${extra}unknown=1`,
      `${extra}__proto__[x]=1`,
      `${extra}constructor=1`,
      `${extra}limit[$gt]=0`,
      `${extra}%24where=1`,
    ];

    const profiles: Record<string, Profile> = {
      'POST /api/auth/register': {
        body: {
          template: {
            email: 'fuzz.new@example.com',
            username: 'fuzz_new',
            password: 'correct horse battery staple',
          },
          shape: {
            email,
            username: {
              required: true,
              bad: [
                '',
                'a',
                'u'.repeat(33),
                'has space',
                'UPPER!',
                'é',
                'channel',
                'here',
                5,
                null,
                {},
                ...OPERATOR_OBJECTS,
              ],
            },
            password: {
              required: true,
              bad: ['', 'short', 'p'.repeat(129), 5, null, {}, [], ...OPERATOR_OBJECTS],
            },
            displayName: {
              required: false,
              bad: ['', '   ', 'd'.repeat(65), 5, null, {}, ...OPERATOR_OBJECTS],
            },
          },
        },
        refusals: [
          {
            label: 'email taken',
            body: {
              email: w.owner.input.email,
              username: 'fuzz_other',
              password: 'correct horse battery staple',
            },
          },
          {
            label: 'username taken (other case)',
            body: {
              email: 'fuzz.other@example.com',
              username: w.owner.user.username.toUpperCase(),
              password: 'correct horse battery staple',
            },
          },
        ],
      },
      'POST /api/auth/login': {
        body: {
          template: { email: w.owner.input.email, password: 'wrong password' },
          shape: {
            email,
            password: { required: true, bad: ['', 'p'.repeat(129), 5, null, {}, [], ...OPERATOR_OBJECTS] },
          },
        },
        refusals: [
          { label: 'wrong password', body: { email: w.outsider.input.email, password: 'wrong password' } },
        ],
      },
      'POST /api/auth/refresh': {
        body: { template: { refreshToken: 'not-a-refresh-token' }, shape: { refreshToken } },
        refusals: [
          { label: 'unknown token', body: { refreshToken: 'x'.repeat(43) } },
          { label: 'an access token', body: { refreshToken: w.outsider.accessToken.slice(0, 256) } },
        ],
      },
      'POST /api/auth/logout': {
        actor: w.owner,
        body: { template: { refreshToken: 'not-a-refresh-token' }, shape: { refreshToken } },
      },
      'GET /api/users/me': { actor: w.owner },
      'GET /api/users': {
        actor: w.owner,
        queries: [
          `q=${'q'.repeat(LIMITS.username.max + 1)}`,
          'q=a&q=b',
          ...limitQueries(LIMITS.userSearch.max),
          ...oddQueries(),
        ],
      },
      'GET /api/channels': { actor: w.owner },
      'GET /api/channels/browse': {
        actor: w.owner,
        queries: [
          `q=${'q'.repeat(LIMITS.channelName.max + 1)}`,
          'q=a&q=b',
          ...limitQueries(LIMITS.browse.max),
          ...oddQueries(),
        ],
      },
      'POST /api/channels': {
        actor: w.owner,
        body: {
          template: { name: 'fuzz-room', type: 'public' },
          shape: {
            name: channelName,
            type: {
              required: true,
              bad: ['direct', 'PUBLIC', '', 'secret', 1, null, {}, ...OPERATOR_OBJECTS],
            },
            topic: { ...topic, bad: [...topic.bad, null] },
            memberIds: {
              required: false,
              bad: [
                'x',
                null,
                {},
                [5],
                ['x'],
                [null],
                [{ $gt: '' }],
                Array.from({ length: 101 }, (_, i) => i.toString(16).padStart(24, '0')),
              ],
            },
          },
        },
        refusals: [
          { label: 'name taken', body: { name: w.pub.name.toUpperCase(), type: 'private' } },
          {
            label: 'unknown member',
            body: { name: 'fuzz-unknown-member', type: 'public', memberIds: [nonexistent] },
          },
          {
            label: 'one unknown member among real ones',
            body: { name: 'fuzz-mixed-members', type: 'private', memberIds: [w.member.user.id, nonexistent] },
          },
        ],
      },
      'POST /api/channels/direct': {
        actor: w.owner,
        body: {
          template: { userIds: [w.member.user.id] },
          shape: {
            userIds: {
              required: true,
              bad: [
                [],
                'x',
                null,
                {},
                [5],
                ['x'],
                [null],
                [{ $gt: '' }],
                NONEXISTENT_IDS.concat(Array.from({ length: 6 }, (_, i) => `${i}`.padStart(24, 'a'))),
              ],
            },
          },
        },
        refusals: [
          { label: 'unknown person', body: { userIds: [nonexistent] } },
          { label: 'only oneself', body: { userIds: [w.owner.user.id] } },
          { label: 'a real and an unknown person', body: { userIds: [w.member.user.id, nonexistent] } },
        ],
      },
      'GET /api/channels/:id': {
        actor: w.owner,
        params: { id: w.pub.id },
        refusals: [
          { label: 'outsider, private', actor: w.outsider, params: { id: w.priv.id } },
          { label: 'outsider, direct', actor: w.outsider, params: { id: w.dm.id } },
        ],
      },
      'PATCH /api/channels/:id': {
        actor: w.owner,
        params: { id: w.pub.id },
        body: {
          template: { topic: 'fuzzed topic' },
          shape: { name: { ...channelName, required: false }, topic: { ...topic, bad: [...topic.bad] } },
        },
        refusals: [
          { label: 'member renames', actor: w.member, params: { id: w.pub.id }, body: { topic: 'hijacked' } },
          {
            label: 'member, private',
            actor: w.member,
            params: { id: w.priv.id },
            body: { name: 'hijacked' },
          },
          { label: 'outsider', actor: w.outsider, params: { id: w.pub.id }, body: { topic: 'hijacked' } },
          { label: 'owner, direct', actor: w.owner, params: { id: w.dm.id }, body: { topic: 'dm topic' } },
          { label: 'name taken', actor: w.owner, params: { id: w.pub.id }, body: { name: w.priv.name } },
        ],
      },
      'POST /api/channels/:id/archive': {
        actor: w.owner,
        params: { id: w.pub.id },
        refusals: [
          { label: 'member', actor: w.member, params: { id: w.pub.id } },
          { label: 'member, private', actor: w.member, params: { id: w.priv.id } },
          { label: 'outsider', actor: w.outsider, params: { id: w.pub.id } },
          { label: 'owner, direct', actor: w.owner, params: { id: w.dm.id } },
          { label: 'member, direct', actor: w.member, params: { id: w.dm.id } },
        ],
      },
      'POST /api/channels/:id/join': {
        actor: w.outsider,
        params: { id: w.pub.id },
        refusals: [
          { label: 'private', actor: w.outsider, params: { id: w.priv.id } },
          { label: 'direct', actor: w.outsider, params: { id: w.dm.id } },
        ],
      },
      'POST /api/channels/:id/leave': {
        actor: w.member,
        params: { id: w.pub.id },
        refusals: [
          { label: 'outsider, public', actor: w.outsider, params: { id: w.pub.id } },
          { label: 'outsider, private', actor: w.outsider, params: { id: w.priv.id } },
          { label: 'member, direct', actor: w.member, params: { id: w.dm.id } },
          { label: 'owner, direct', actor: w.owner, params: { id: w.dm.id } },
        ],
      },
      'GET /api/channels/:id/members': {
        actor: w.owner,
        params: { id: w.pub.id },
        queries: [
          ...MALFORMED_ID_STRINGS.slice(0, 8).map((id) => `after=${encodeSegment(id)}`),
          ...limitQueries(LIMITS.membersPage.max),
          ...oddQueries(),
        ],
        refusals: [
          { label: 'outsider, public', actor: w.outsider, params: { id: w.pub.id } },
          { label: 'outsider, private', actor: w.outsider, params: { id: w.priv.id } },
          { label: 'outsider, direct', actor: w.outsider, params: { id: w.dm.id } },
        ],
      },
      'POST /api/channels/:id/members': {
        actor: w.owner,
        params: { id: w.pub.id },
        body: { template: { userId: w.outsider.user.id }, shape: { userId: ID_FIELD(true) } },
        refusals: [
          {
            label: 'member invites to private',
            actor: w.member,
            params: { id: w.priv.id },
            body: { userId: w.outsider.user.id },
          },
          {
            label: 'already a member',
            actor: w.member,
            params: { id: w.pub.id },
            body: { userId: w.owner.user.id },
          },
          {
            label: 'owner re-adds member',
            actor: w.owner,
            params: { id: w.pub.id },
            body: { userId: w.member.user.id },
          },
          { label: 'direct', actor: w.owner, params: { id: w.dm.id }, body: { userId: w.outsider.user.id } },
          {
            label: 'outsider invites self',
            actor: w.outsider,
            params: { id: w.pub.id },
            body: { userId: w.outsider.user.id },
          },
          { label: 'unknown user', actor: w.owner, params: { id: w.pub.id }, body: { userId: nonexistent } },
        ],
      },
      'DELETE /api/channels/:id/members/:userId': {
        actor: w.owner,
        params: { id: w.pub.id, userId: w.member.user.id },
        refusals: [
          {
            label: 'member removes owner',
            actor: w.member,
            params: { id: w.pub.id, userId: w.owner.user.id },
          },
          {
            label: 'member removes bystander',
            actor: w.member,
            params: { id: w.pub.id, userId: w.bystander.user.id },
          },
          {
            label: 'outsider removes member',
            actor: w.outsider,
            params: { id: w.pub.id, userId: w.member.user.id },
          },
          {
            label: 'outsider leaves via remove',
            actor: w.outsider,
            params: { id: w.pub.id, userId: w.outsider.user.id },
          },
          { label: 'not a member', actor: w.owner, params: { id: w.pub.id, userId: w.outsider.user.id } },
          { label: 'direct', actor: w.owner, params: { id: w.dm.id, userId: w.member.user.id } },
          {
            label: 'member leaves direct via remove',
            actor: w.member,
            params: { id: w.dm.id, userId: w.member.user.id },
          },
        ],
      },
      'GET /api/channels/:id/messages': {
        actor: w.member,
        params: { id: w.pub.id },
        queries: [
          ...seqQueries('before'),
          ...seqQueries('after'),
          'before=5&after=1',
          'before=1&before=2',
          ...limitQueries(LIMITS.historyPage.max),
          ...oddQueries(),
        ],
        refusals: [
          { label: 'outsider, public', actor: w.outsider, params: { id: w.pub.id } },
          { label: 'outsider, private', actor: w.outsider, params: { id: w.priv.id } },
          { label: 'outsider, direct', actor: w.outsider, params: { id: w.dm.id } },
        ],
      },
      'GET /api/channels/:id/changes': {
        actor: w.member,
        params: { id: w.pub.id },
        queries: [
          '',
          'limit=5',
          ...seqQueries('sinceRev'),
          'sinceRev=1&sinceRev=2',
          ...limitQueries(LIMITS.changesPage.max, 'sinceRev=0&'),
          ...oddQueries('sinceRev=0&'),
        ],
        refusals: [
          { label: 'outsider, public', actor: w.outsider, params: { id: w.pub.id } },
          { label: 'outsider, private', actor: w.outsider, params: { id: w.priv.id } },
          { label: 'outsider, direct', actor: w.outsider, params: { id: w.dm.id } },
        ],
      },
      'POST /api/channels/:id/messages': {
        actor: w.member,
        params: { id: w.pub.id },
        body: {
          template: { content: 'fuzz', clientMessageId: 'fuzz-rest' },
          shape: {
            content,
            clientMessageId: { required: false, bad: BAD_CLIENT_MESSAGE_IDS },
            parentId: ID_FIELD(false),
          },
        },
        refusals: [
          {
            label: 'outsider, public',
            actor: w.outsider,
            params: { id: w.pub.id },
            body: { content: 'let me in' },
          },
          {
            label: 'outsider, private',
            actor: w.outsider,
            params: { id: w.priv.id },
            body: { content: '\u0000\u202e' },
          },
          {
            label: 'outsider, direct',
            actor: w.outsider,
            params: { id: w.dm.id },
            body: { content: 'psst' },
          },
          {
            label: 'unknown parent',
            params: { id: w.pub.id },
            body: { content: 'r', parentId: nonexistent },
          },
          { label: 'deleted parent', params: { id: w.pub.id }, body: { content: 'r', parentId: w.m3.id } },
          { label: 'reply to a reply', params: { id: w.pub.id }, body: { content: 'r', parentId: w.r1.id } },
          {
            label: 'parent in another channel',
            params: { id: w.pub.id },
            body: { content: 'r', parentId: w.p1.id },
          },
        ],
      },
      'GET /api/messages/:id': {
        actor: w.member,
        params: { id: w.m1.id },
        refusals: [
          { label: 'outsider, public', actor: w.outsider, params: { id: w.m1.id } },
          { label: 'outsider, private', actor: w.outsider, params: { id: w.p1.id } },
          { label: 'outsider, direct', actor: w.outsider, params: { id: w.d1.id } },
        ],
      },
      'PATCH /api/messages/:id': {
        actor: w.member,
        params: { id: w.m2.id },
        body: { template: { content: 'fuzz edit' }, shape: { content } },
        refusals: [
          { label: "member edits owner's", params: { id: w.m1.id }, body: { content: 'x' } },
          { label: "owner edits member's", actor: w.owner, params: { id: w.m2.id }, body: { content: 'x' } },
          {
            label: 'owner edits deleted',
            actor: w.owner,
            params: { id: w.m3.id },
            body: { content: 'back' },
          },
          { label: 'outsider, private', actor: w.outsider, params: { id: w.p1.id }, body: { content: 'x' } },
          { label: "member, owner's direct", params: { id: w.d1.id }, body: { content: 'x' } },
        ],
      },
      'DELETE /api/messages/:id': {
        actor: w.member,
        params: { id: w.m2.id },
        refusals: [
          { label: "member deletes owner's", params: { id: w.m1.id } },
          { label: 'outsider, public', actor: w.outsider, params: { id: w.m2.id } },
          { label: 'outsider, private', actor: w.outsider, params: { id: w.p1.id } },
          { label: 'outsider, direct', actor: w.outsider, params: { id: w.d1.id } },
          { label: "member, owner's direct", params: { id: w.d1.id } },
        ],
      },
      'GET /api/messages/:id/replies': {
        actor: w.member,
        params: { id: w.m1.id },
        queries: [
          ...seqQueries('after'),
          'after=1&after=2',
          ...limitQueries(LIMITS.historyPage.max),
          ...oddQueries(),
        ],
        refusals: [
          { label: 'outsider, public', actor: w.outsider, params: { id: w.m1.id } },
          { label: 'outsider, private', actor: w.outsider, params: { id: w.p1.id } },
          { label: 'outsider, direct', actor: w.outsider, params: { id: w.d1.id } },
        ],
      },
      ...Object.fromEntries(
        (['PUT', 'DELETE'] as const).map((method): [string, Profile] => [
          `${method} /api/messages/:id/reactions/:emoji`,
          {
            actor: w.member,
            params: { id: w.m1.id, emoji: encodeSegment('👍') },
            paramValues: { emoji: BAD_EMOJIS.map(encodeSegment) },
            refusals: [
              {
                label: 'outsider, public',
                actor: w.outsider,
                params: { id: w.m1.id, emoji: encodeSegment('👍') },
              },
              {
                label: 'outsider, private',
                actor: w.outsider,
                params: { id: w.p1.id, emoji: encodeSegment('👍') },
              },
              {
                label: 'outsider, direct',
                actor: w.outsider,
                params: { id: w.d1.id, emoji: encodeSegment('🎉') },
              },
              { label: 'unknown message', params: { id: nonexistent, emoji: encodeSegment('👍') } },
            ],
          },
        ]),
      ),
      'POST /api/channels/:id/read': {
        actor: w.member,
        params: { id: w.pub.id },
        body: { template: { seq: 1 }, shape: { seq: { required: true, bad: BAD_SEQS } } },
        refusals: [
          { label: 'outsider, public', actor: w.outsider, params: { id: w.pub.id }, body: { seq: 1 } },
          { label: 'outsider, private', actor: w.outsider, params: { id: w.priv.id }, body: { seq: 1 } },
          { label: 'outsider, direct', actor: w.outsider, params: { id: w.dm.id }, body: { seq: 1 } },
          { label: 'unknown channel', params: { id: nonexistent }, body: { seq: 1 } },
        ],
      },
      // Members may not create a probe channel (the admin's one would change data: not tried here).
      'POST /api/monitoring/probe-channel': {
        actor: w.member,
        refusals: [
          { label: 'member', actor: w.member },
          { label: 'outsider', actor: w.outsider },
        ],
      },
    };

    const missing = REST_ROUTES.filter((route) => !profiles[`${route.method} ${route.path}`]);
    if (missing.length > 0) {
      throw new Error(
        `no fuzz profile for ${missing.map((route) => `${route.method} ${route.path}`).join(', ')}`,
      );
    }

    for (const route of REST_ROUTES) {
      const group = `${route.method} ${route.path}`;
      const profile = profiles[group];
      const actorAuth = profile.actor ? bearer(profile.actor) : undefined;
      const base = (label: string, parts: Partial<HttpCase>): HttpCase => ({
        group,
        label,
        method: route.method,
        path: fillPath(route.path, profile.params ?? {}),
        authorization: actorAuth,
        declared: route.errors,
        ...parts,
      });
      const validBody = profile.body ? JSON.stringify(profile.body.template) : undefined;
      const contentTypeFor = (body: string | undefined) =>
        body === undefined ? undefined : 'application/json';

      // Nobody: missing, forged and tampered credentials, with an otherwise sensible request.
      if (route.authenticated) {
        for (const auth of badAuthorizations(w.owner.accessToken, w.owner.user.id)) {
          cases.push(
            base(`auth: ${auth.label}`, {
              authorization: auth.header,
              body: validBody,
              contentType: contentTypeFor(validBody),
            }),
          );
        }
      }

      // Path parameters: malformed, undecodable and nonexistent ids (one parameter broken at a time).
      for (const name of Object.keys(profile.params ?? {})) {
        const values = [
          ...rng
            .sample(MALFORMED_ID_STRINGS, 10)
            .map((id) => ({ label: preview(id, 40), segment: encodeSegment(id) })),
          ...RAW_PATH_SEGMENTS.map((segment) => ({ label: `raw ${segment}`, segment })),
          ...NONEXISTENT_IDS.slice(0, 2).map((id) => ({ label: `nonexistent ${id}`, segment: id })),
          ...(profile.paramValues?.[name] ?? []).map((segment) => ({ label: segment, segment })),
        ];
        for (const { label, segment } of values) {
          // Routes without a body get a junk body now and then: it must not change the outcome.
          const junk =
            !profile.body && route.method !== 'GET' && rng.int(4) === 0
              ? rng.pick(RAW_NON_OBJECT_BODIES)
              : undefined;
          const body = junk ?? validBody;
          cases.push(
            base(`:${name} ${label}${junk ? ` + body ${preview(junk, 20)}` : ''}`, {
              path: fillPath(route.path, { ...profile.params, [name]: segment }),
              body,
              contentType: contentTypeFor(body),
            }),
          );
        }
      }

      for (const query of profile.queries ?? []) {
        cases.push(
          base(`?${preview(query, 60)}`, { path: `${fillPath(route.path, profile.params ?? {})}?${query}` }),
        );
      }

      if (profile.body) {
        const { template, shape } = profile.body;
        for (const variant of brokenPayloads(rng, template, shape, {
          perField: 5,
          combos: 6,
          hugeBytes: 100_000,
          nonObjects: [],
        })) {
          cases.push(
            base(variant.label, { body: JSON.stringify(variant.value), contentType: 'application/json' }),
          );
        }
        for (const raw of RAW_NON_OBJECT_BODIES) {
          cases.push(base(`raw body ${preview(raw, 30)}`, { body: raw, contentType: 'application/json' }));
        }
        // Wrong encodings of a payload that is refused anyway (an extra key), so that no lenient
        // parser could turn one of them into a valid request.
        const refusedAnyway = JSON.stringify(withOwnKey(template, '__proto__', { polluted: true }));
        const encodings: [string, Partial<HttpCase>][] = [
          ['text/plain', { contentType: 'text/plain' }],
          ['form', { contentType: 'application/x-www-form-urlencoded', body: 'content=x&__proto__[a]=1' }],
          ['utf-16 charset', { contentType: 'application/json; charset=utf-16' }],
          ['unknown charset', { contentType: 'application/json; charset=x-fuzz' }],
          ['no content type', { contentType: undefined }],
          ['gzip garbage', { contentType: 'application/json', headers: { 'content-encoding': 'gzip' } }],
          [
            'unknown encoding',
            { contentType: 'application/json', headers: { 'content-encoding': 'x-fuzz' } },
          ],
        ];
        for (const [label, parts] of encodings)
          cases.push(base(`encoding: ${label}`, { body: refusedAnyway, ...parts }));
      }

      for (const refusal of profile.refusals ?? []) {
        const body = refusal.body === undefined ? validBody : JSON.stringify(refusal.body);
        cases.push(
          base(`refused: ${refusal.label}`, {
            path: fillPath(route.path, refusal.params ?? profile.params ?? {}),
            authorization: refusal.actor ? bearer(refusal.actor) : actorAuth,
            body,
            contentType: contentTypeFor(body),
          }),
        );
      }
    }

    // Bodies over the 1 MiB limit: 413 PAYLOAD_TOO_LARGE, before anything is parsed.
    const tooLarge = hugeJson('content', LIMITS.httpBodyBytes + 64 * 1024);
    for (const [group, path, authorization] of [
      ['POST /api/channels/:id/messages', `/api/channels/${w.pub.id}/messages`, bearer(w.member)],
      ['POST /api/auth/register', '/api/auth/register', undefined],
    ] as const) {
      cases.push({
        group,
        label: 'body over 1 MiB',
        method: 'POST',
        path,
        authorization,
        body: tooLarge,
        contentType: 'application/json',
        expectStatus: 413,
      });
    }

    // Routes that do not exist: wrong methods and unknown paths.
    const unrouted: [string, string, string?][] = [
      ['PUT', '/api/channels'],
      ['DELETE', '/api/channels'],
      ['PATCH', '/api/users/me'],
      ['DELETE', '/api/users/me'],
      ['GET', '/api/auth/login'],
      ['PUT', `/api/channels/${w.pub.id}`],
      ['DELETE', `/api/channels/${w.pub.id}`],
      ['GET', `/api/channels/${w.pub.id}/members/${w.member.user.id}`],
      ['PUT', `/api/messages/${w.m2.id}`],
      ['POST', `/api/messages/${w.m2.id}`],
      ['POST', `/api/messages/${w.m1.id}/replies`, JSON.stringify({ content: 'x', $where: '1' })],
      ['GET', `/api/messages/${w.m1.id}/reactions`],
      ['PATCH', `/api/channels/${w.pub.id}/read`, JSON.stringify({ seq: -1 })],
      ['POST', '/api/users', JSON.stringify({ $gt: '' })],
      ['GET', '/api/channels/browse/x'],
      ['GET', '/api/__proto__'],
      ['GET', '/api/constructor'],
      ['GET', '/api/channels/constructor/prototype'],
      ['POST', '/api/admin', '{}'],
      ['GET', `/api/${'z'.repeat(2_000)}`],
    ];
    for (const [method, path, body] of unrouted) {
      cases.push({
        group: 'unrouted',
        label: `${method} ${preview(path, 60)}`,
        method,
        path,
        authorization: bearer(w.owner),
        body,
        contentType: body === undefined ? undefined : 'application/json',
      });
    }
    return cases;
  }

  /** Every client event of the contract and unknown ones, broken in every way that applies. */
  function socketCases(rng: SeededRandom): { acked: SocketCase[]; unacked: SocketCase[] } {
    const w = world;
    const nonexistent = NONEXISTENT_IDS[0];
    const syncEntry = { channelId: w.pub.id, sinceRev: 0 };
    const sock = { perField: 8, combos: 10, hugeBytes: 50_000, nonObjects: NON_OBJECTS };
    interface EventProfile {
      actor: Actor;
      template: Record<string, unknown>;
      shape: Shape;
      refusals: { label: string; actor: Actor; payload: unknown }[];
    }
    const profiles: Record<(typeof CLIENT_EVENTS)[number], EventProfile> = {
      'send-message': {
        actor: 'member',
        template: { channelId: w.pub.id, content: 'fuzz', clientMessageId: 'fuzz-socket' },
        shape: {
          channelId: ID_FIELD(true),
          content: { required: true, bad: BAD_CONTENTS },
          clientMessageId: { required: true, bad: BAD_CLIENT_MESSAGE_IDS },
          parentId: ID_FIELD(false),
        },
        refusals: [
          ...[w.pub, w.priv, w.dm].map((room) => ({
            label: `outsider to ${room.type}`,
            actor: 'outsider' as const,
            payload: { channelId: room.id, content: '\u0000\u202e let me in', clientMessageId: 'out-1' },
          })),
          ...NONEXISTENT_IDS.map((id) => ({
            label: `unknown channel ${id}`,
            actor: 'member' as const,
            payload: { channelId: id, content: 'hello', clientMessageId: 'unknown-channel' },
          })),
          ...[
            ['unknown parent', nonexistent],
            ['deleted parent', w.m3.id],
            ['reply to a reply', w.r1.id],
            ['parent in another channel', w.p1.id],
          ].map(([label, parentId]) => ({
            label,
            actor: 'member' as const,
            payload: { channelId: w.pub.id, content: 'r', clientMessageId: `bad-parent-${label}`, parentId },
          })),
        ],
      },
      'edit-message': {
        actor: 'member',
        template: { messageId: w.m2.id, content: 'fuzz edit' },
        shape: { messageId: ID_FIELD(true), content: { required: true, bad: BAD_CONTENTS } },
        refusals: [
          { label: "member edits owner's", actor: 'member', payload: { messageId: w.m1.id, content: 'x' } },
          { label: "owner edits member's", actor: 'owner', payload: { messageId: w.m2.id, content: 'x' } },
          { label: 'owner edits deleted', actor: 'owner', payload: { messageId: w.m3.id, content: 'back' } },
          { label: 'outsider, private', actor: 'outsider', payload: { messageId: w.p1.id, content: 'x' } },
          { label: 'outsider, direct', actor: 'outsider', payload: { messageId: w.d1.id, content: 'x' } },
          { label: "member, owner's direct", actor: 'member', payload: { messageId: w.d1.id, content: 'x' } },
          ...NONEXISTENT_IDS.map((id) => ({
            label: `unknown ${id}`,
            actor: 'member' as const,
            payload: { messageId: id, content: 'x' },
          })),
        ],
      },
      'delete-message': {
        actor: 'member',
        template: { messageId: w.m2.id },
        shape: { messageId: ID_FIELD(true) },
        refusals: [
          { label: "member deletes owner's", actor: 'member', payload: { messageId: w.m1.id } },
          { label: 'outsider, public', actor: 'outsider', payload: { messageId: w.m2.id } },
          { label: 'outsider, private', actor: 'outsider', payload: { messageId: w.p1.id } },
          { label: 'outsider, direct', actor: 'outsider', payload: { messageId: w.d1.id } },
          { label: "member, owner's direct", actor: 'member', payload: { messageId: w.d1.id } },
          ...NONEXISTENT_IDS.map((id) => ({
            label: `unknown ${id}`,
            actor: 'owner' as const,
            payload: { messageId: id },
          })),
        ],
      },
      'toggle-reaction': {
        actor: 'member',
        template: { messageId: w.m1.id, emoji: '👍' },
        shape: {
          messageId: ID_FIELD(true),
          emoji: {
            required: true,
            bad: [...BAD_EMOJIS, 5, null, true, {}, [], ['👍'], ...OPERATOR_OBJECTS],
          },
        },
        refusals: [
          { label: 'outsider, private', actor: 'outsider', payload: { messageId: w.p1.id, emoji: '👍' } },
          { label: 'outsider, direct', actor: 'outsider', payload: { messageId: w.d1.id, emoji: '👍' } },
          { label: 'outsider, public', actor: 'outsider', payload: { messageId: w.m1.id, emoji: '👍' } },
          { label: 'deleted', actor: 'member', payload: { messageId: w.m3.id, emoji: '👍' } },
          { label: 'unknown', actor: 'member', payload: { messageId: nonexistent, emoji: '👍' } },
        ],
      },
      typing: {
        actor: 'member',
        template: { channelId: w.pub.id, isTyping: true },
        shape: { channelId: ID_FIELD(true), isTyping: { required: true, bad: BAD_BOOLEANS } },
        refusals: [
          {
            label: 'outsider, private',
            actor: 'outsider',
            payload: { channelId: w.priv.id, isTyping: true },
          },
          { label: 'outsider, direct', actor: 'outsider', payload: { channelId: w.dm.id, isTyping: true } },
          { label: 'unknown channel', actor: 'member', payload: { channelId: nonexistent, isTyping: false } },
        ],
      },
      'mark-read': {
        actor: 'member',
        template: { channelId: w.pub.id, seq: 1 },
        shape: { channelId: ID_FIELD(true), seq: { required: true, bad: BAD_SEQS } },
        refusals: [
          { label: 'outsider, public', actor: 'outsider', payload: { channelId: w.pub.id, seq: 1 } },
          { label: 'outsider, private', actor: 'outsider', payload: { channelId: w.priv.id, seq: 1 } },
          { label: 'unknown channel', actor: 'member', payload: { channelId: nonexistent, seq: 1 } },
        ],
      },
      sync: {
        actor: 'member',
        template: { channels: [syncEntry] },
        shape: {
          channels: {
            required: true,
            bad: [
              ...NON_OBJECTS.filter((value) => !(Array.isArray(value) && value.length === 0)),
              syncEntry,
              ...OPERATOR_OBJECTS,
              ...MALFORMED_IDS.map((channelId) => [{ channelId, sinceRev: 0 }]),
              ...BAD_SEQS.map((sinceRev) => [{ channelId: w.pub.id, sinceRev }]),
              [{ channelId: w.pub.id }],
              [{ sinceRev: 0 }],
              [syncEntry, null],
              [withOwnKey(syncEntry, '__proto__', { polluted: true })],
              [{ ...syncEntry, $where: '1' }],
              Array.from({ length: LIMITS.syncChannels + 1 }, () => syncEntry),
            ],
          },
        },
        refusals: [
          { label: 'outsider, public', actor: 'outsider', payload: { channels: [syncEntry] } },
          {
            label: 'outsider, private',
            actor: 'outsider',
            payload: { channels: [{ channelId: w.priv.id, sinceRev: 0 }] },
          },
          {
            label: 'unknown channel',
            actor: 'member',
            payload: { channels: [{ channelId: nonexistent, sinceRev: 0 }] },
          },
          {
            label: 'own and unknown channel',
            actor: 'member',
            payload: { channels: [syncEntry, { channelId: nonexistent, sinceRev: 0 }] },
          },
        ],
      },
      reauthenticate: {
        actor: 'member',
        template: { token: 'not-a-token' },
        shape: {
          token: {
            required: true,
            bad: ['', 't'.repeat(4097), 5, null, {}, [], ...OPERATOR_OBJECTS],
          },
        },
        refusals: [
          { label: 'garbage token', actor: 'member', payload: { token: 'garbage' } },
          { label: "someone else's token", actor: 'member', payload: { token: w.outsider.accessToken } },
        ],
      },
      'client-stats': {
        actor: 'member',
        template: { ackRttMs: [12.5, 40] },
        shape: {
          ackRttMs: {
            required: true,
            bad: [
              'fast',
              [-1],
              [LIMITS.clientStats.maxRttMs + 1],
              ['12'],
              [null],
              [Number.NaN],
              Array.from({ length: LIMITS.clientStats.samples + 1 }, () => 1),
              5,
              null,
              {},
              ...OPERATOR_OBJECTS,
            ],
          },
        },
        refusals: [],
      },
      'set-presence': {
        actor: 'member',
        template: { status: 'away' },
        shape: {
          status: {
            required: true,
            bad: ['offline', 'ONLINE', 'invisible', '', 5, null, true, {}, [], ...OPERATOR_OBJECTS],
          },
        },
        refusals: [],
      },
    };

    const acked: SocketCase[] = [];
    const unacked: SocketCase[] = [];
    for (const event of CLIENT_EVENTS) {
      const profile = profiles[event];
      const variants = brokenPayloads(rng, profile.template, profile.shape, sock);
      for (const variant of variants) {
        // Each broken payload also comes from another user now and then.
        const actor = rng.int(5) === 0 ? rng.pick<Actor>(['owner', 'outsider']) : profile.actor;
        acked.push({ group: event, label: variant.label, actor, event, args: [variant.value] });
      }
      for (const refusal of profile.refusals) {
        acked.push({
          group: event,
          label: `refused: ${refusal.label}`,
          actor: refusal.actor,
          event,
          args: [refusal.payload],
        });
      }
      // No payload at all, and more arguments than the event takes (the payload then is not the first).
      acked.push({ group: event, label: 'no payload', actor: profile.actor, event, args: [] });
      for (let extra = 0; extra < 3; extra += 1) {
        const first = rng.pick(variants).value;
        acked.push({
          group: event,
          label: `extra arguments #${extra}`,
          actor: profile.actor,
          event,
          args: [first, rng.pick(MALFORMED_IDS), ...(extra === 2 ? [{}, null, 'x'] : [])],
        });
      }
      // Without an ack callback: nothing to answer, the socket must stay up.
      for (const variant of rng.sample(variants, 6)) {
        unacked.push({
          group: event,
          label: `no ack: ${variant.label}`,
          actor: profile.actor,
          event,
          args: [variant.value],
        });
      }
    }

    for (const event of UNKNOWN_EVENTS) {
      const payloads: unknown[] = [
        { channelId: w.pub.id, content: 'hello', clientMessageId: 'unknown-event' },
        rng.pick(NON_OBJECTS),
      ];
      for (const payload of payloads) {
        acked.push({
          group: 'unknown events',
          label: `${preview(event, 40)} with ${preview(payload, 40)}`,
          actor: rng.pick<Actor>(['owner', 'member', 'outsider']),
          event,
          args: [payload],
        });
      }
      if (rng.int(3) === 0) {
        unacked.push({
          group: 'unknown events',
          label: `no ack: ${preview(event, 40)}`,
          actor: 'member',
          event,
          args: [{}],
        });
      }
    }
    return { acked, unacked };
  }

  function ackProblem(ack: unknown): string | null {
    if (ack === NO_ACK) return `no ack within ${ACK_TIMEOUT_MS} ms`;
    if (!isRecord(ack)) return `ack is not an object: ${preview(ack)}`;
    if (ack['ok'] !== false) return `ack is not an error: ${preview(ack, 300)}`;
    const error = ack['error'];
    if (!isRecord(error)) return `ack has no error object: ${preview(ack)}`;
    if (!(ERROR_CODES as readonly unknown[]).includes(error['code']))
      return `unknown error code: ${preview(ack)}`;
    if (error['code'] === 'INTERNAL') return `INTERNAL error: ${preview(ack)}`;
    if (typeof error['message'] !== 'string') return `error without message: ${preview(ack)}`;
    const extraKeys = [
      ...Object.keys(ack).filter((key) => key !== 'ok' && key !== 'error'),
      ...Object.keys(error).filter((key) => !['code', 'message', 'details'].includes(key)),
    ];
    if (extraKeys.length > 0) return `unexpected keys ${extraKeys.join(', ')}: ${preview(ack)}`;
    if (STACK_TRACE.test(JSON.stringify(ack))) return `stack trace in ack: ${preview(ack, 400)}`;
    return null;
  }

  async function httpProblem(testCase: HttpCase): Promise<string | null> {
    const headers: Record<string, string> = { ...testCase.headers };
    if (testCase.contentType) headers['content-type'] = testCase.contentType;
    if (testCase.authorization !== undefined) headers['authorization'] = testCase.authorization;
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${url()}${testCase.path}`, {
        method: testCase.method,
        headers,
        body: testCase.body,
        signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
      });
      text = await response.text();
    } catch (error) {
      return `request failed: ${error instanceof Error ? `${error.message} ${String(error.cause ?? '')}` : String(error)}`;
    }
    const status = response.status;
    if (status < 400 || status >= 500) return `status ${status}: ${preview(text, 300)}`;
    if (testCase.expectStatus !== undefined && status !== testCase.expectStatus) {
      return `status ${status}, expected ${testCase.expectStatus}: ${preview(text, 200)}`;
    }
    if (!response.headers.get('content-type')?.includes('application/json')) {
      return `status ${status} with content-type ${response.headers.get('content-type')}: ${preview(text, 200)}`;
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return `status ${status}, body is not JSON: ${preview(text, 200)}`;
    }
    if (!isRecord(body)) return `error body is not an object: ${preview(text)}`;
    const code = body['code'];
    if (!(ERROR_CODES as readonly unknown[]).includes(code)) return `unknown code: ${preview(body)}`;
    if (body['statusCode'] !== status || HTTP_STATUS_BY_ERROR_CODE[code as ErrorCode] !== status) {
      return `status ${status} does not match the body: ${preview(body)}`;
    }
    if (typeof body['message'] !== 'string' || typeof body['requestId'] !== 'string') {
      return `error body without message or requestId: ${preview(body)}`;
    }
    const extraKeys = Object.keys(body).filter(
      (key) => !['statusCode', 'code', 'message', 'details', 'requestId'].includes(key),
    );
    if (extraKeys.length > 0) return `unexpected keys ${extraKeys.join(', ')}: ${preview(body)}`;
    if (STACK_TRACE.test(text)) return `stack trace in error body: ${preview(text, 400)}`;
    const declared = testCase.expectStatus === 413 ? ['PAYLOAD_TOO_LARGE'] : testCase.declared;
    if (declared && !declared.includes(code as ErrorCode)) {
      return `code ${String(code)} is not among the route's declared errors (${declared.join(', ')}): ${preview(body)}`;
    }
    return null;
  }

  function emitForAck(socket: ClientSocket, event: string, args: unknown[]): Promise<unknown> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(NO_ACK), ACK_TIMEOUT_MS);
      emitUntyped(socket, event, ...args, (ack: unknown) => {
        clearTimeout(timer);
        resolve(ack);
      });
    });
  }

  /** Handshakes that must be refused with `connect_error` (never a connection). */
  async function handshakeProblems(): Promise<{ count: number; problems: string[] }> {
    const token = world.owner.accessToken;
    const [, payload, signature] = token.split('.');
    const attempts: {
      label: string;
      options: Record<string, unknown>;
      namespace?: string;
      expect?: string;
    }[] = [
      { label: 'no auth', options: {} },
      { label: 'empty auth', options: { auth: {} } },
      { label: 'empty token', options: { auth: { token: '' } } },
      { label: 'number token', options: { auth: { token: 5 } } },
      { label: 'null token', options: { auth: { token: null } } },
      { label: 'operator token', options: { auth: { token: { $gt: '' } } } },
      { label: 'array token', options: { auth: { token: [token] } } },
      { label: 'polluter token', options: { auth: JSON.parse('{"__proto__": {"token": "x"}}') } },
      { label: 'huge token', options: { auth: { token: 'x'.repeat(20_000) } } },
      { label: 'alg none', options: { auth: { token: `eyJhbGciOiJub25lIn0.${payload}.` } } },
      {
        label: 'bad signature',
        options: { auth: { token: `${token.split('.')[0]}.${payload}.${signature?.slice(1)}A` } },
      },
      { label: 'refresh token', options: { auth: { token: world.owner.refreshToken } } },
      { label: 'token in the query only', options: { query: { token } } },
      { label: 'token in a header only', options: { extraHeaders: { authorization: `Bearer ${token}` } } },
      {
        label: 'unknown namespace',
        options: { auth: { token } },
        namespace: '/admin',
        expect: 'Invalid namespace',
      },
    ];
    const problems: string[] = [];
    await runPool(attempts, 5, async (attempt) => {
      const socket = io(`${url()}${attempt.namespace ?? ''}`, {
        path: '/socket.io',
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        ...attempt.options,
      });
      const outcome = await new Promise<string>((resolve) => {
        const timer = setTimeout(() => resolve('neither connect nor connect_error within 5 s'), 5_000);
        socket.once('connect', () => {
          clearTimeout(timer);
          resolve('connected');
        });
        socket.once('connect_error', (error) => {
          clearTimeout(timer);
          resolve(`connect_error ${error.message}`);
        });
      });
      socket.disconnect();
      if (outcome !== `connect_error ${attempt.expect ?? 'UNAUTHORIZED'}`) {
        problems.push(`[handshake] ${attempt.label}: ${outcome}`);
      }
    });
    return { count: attempts.length, problems };
  }

  /**
   * Inputs that close their own connection by design: a frame over the 64 KiB limit and packets the
   * Socket.IO parser refuses (reserved event names). Each on a throw-away socket; the server must
   * keep serving everyone else.
   */
  async function connectionKillers(): Promise<{ count: number; closed: number }> {
    const killers: ((socket: ClientSocket) => void)[] = [
      (socket) =>
        emitUntyped(socket, 'send-message', {
          channelId: NONEXISTENT_IDS[0],
          content: 'o'.repeat(LIMITS.socketFrameBytes + 1_024),
          clientMessageId: 'oversized',
        }),
      ...['disconnect', 'connect', 'newListener'].map(
        (event) => (socket: ClientSocket) =>
          (socket as unknown as { packet: (packet: { type: number; data: unknown[] }) => void }).packet({
            type: 2,
            data: [event, {}],
          }),
      ),
    ];
    let closed = 0;
    await runPool(killers, killers.length, async (kill) => {
      const throwaway = await connectClient(url(), world.owner.accessToken);
      const disconnected = new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 3_000);
        throwaway.socket.once('disconnect', () => {
          clearTimeout(timer);
          resolve(true);
        });
      });
      kill(throwaway.socket);
      if (await disconnected) closed += 1;
      throwaway.socket.disconnect();
    });
    return { count: killers.length, closed };
  }

  const counts = new Map<string, number>();
  const violations: string[] = [];

  it('answers at least 1,000 malformed inputs across every socket event and REST route with contract errors only', async () => {
    const started = Date.now();
    const rng = new SeededRandom(SEED);
    const http = httpCases(rng);
    const sockets = socketCases(rng);
    const count = (group: string) => counts.set(group, (counts.get(group) ?? 0) + 1);

    const httpRun = runPool(http, HTTP_CONCURRENCY, async (testCase) => {
      count(`http ${testCase.group}`);
      const problem = await httpProblem(testCase);
      if (problem) violations.push(`[http ${testCase.group}] ${testCase.label}: ${problem}`);
    });
    const socketRun = runPool(sockets.acked, SOCKET_CONCURRENCY, async (testCase) => {
      count(`socket ${testCase.group}`);
      const client = clients.get(testCase.actor);
      if (!client) throw new Error(`no socket for ${testCase.actor}`);
      const ack = await emitForAck(client.socket, testCase.event, testCase.args);
      const problem = ackProblem(ack);
      if (problem) {
        violations.push(
          `[socket ${preview(testCase.group, 40)}] ${testCase.actor} ${testCase.label}: ${problem} — args ${preview(testCase.args, 200)}`,
        );
      }
    });
    await Promise.all([httpRun, socketRun]);

    for (const testCase of sockets.unacked) {
      count(`socket ${testCase.group}`);
      const client = clients.get(testCase.actor);
      if (client) emitUntyped(client.socket, testCase.event, ...testCase.args);
    }
    const handshakes = await handshakeProblems();
    for (let attempt = 0; attempt < handshakes.count; attempt += 1) count('socket handshake');
    violations.push(...handshakes.problems);
    const killers = await connectionKillers();
    for (let attempt = 0; attempt < killers.count; attempt += 1) count('socket connection killers');
    await settle(500);

    // Every fuzzing socket is still connected and still answered (nothing was silenced by an error).
    for (const [actor, client] of clients) {
      if (!client.socket.connected) {
        violations.push(`[socket] the ${actor}'s socket was disconnected`);
        continue;
      }
      const unknown = await emitForAck(client.socket, 'no-such-event', [{}]);
      const problem = ackProblem(unknown);
      if (problem) violations.push(`[socket] ${actor} after the fuzz, unknown event: ${problem}`);
      for (const event of ['send-message', 'edit-message', 'delete-message', 'sync']) {
        const again = ackProblem(await emitForAck(client.socket, event, [{ fuzz: true }]));
        if (again) violations.push(`[socket] ${actor} after the fuzz, ${event} no longer answers: ${again}`);
      }
    }
    // Nothing was broadcast: no message, channel or read-state event reached anybody.
    for (const client of [...clients.values(), bystanderClient]) {
      const received = client.events
        .slice(eventMarks.get(client) ?? 0)
        .filter((entry) => entry.event !== 'ready' && !isOnlinePresence(entry));
      if (received.length > 0) {
        violations.push(
          `[socket] user ${client.ready.userId} received ${received.map((entry) => `${entry.event} ${preview(entry.payload, 120)}`).join('; ')}`,
        );
      }
    }

    const total = [...counts.values()].reduce((sum, value) => sum + value, 0);
    const lines = [...counts.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([group, n]) => `  ${group}: ${n}`);
    console.info(
      `fuzz [${subject.engine}] seed ${SEED}: ${total} inputs in ${Date.now() - started} ms ` +
        `(${killers.closed} of ${killers.count} throw-away sockets closed by the server)\n${lines.join('\n')}` +
        (violations.length > 0 ? `\n${violations.length} violations:\n${violations.join('\n')}` : ''),
    );

    expect(total).toBeGreaterThanOrEqual(MIN_INPUTS);
    const thinRoutes = REST_ROUTES.map((route) => `http ${route.method} ${route.path}`).filter(
      (group) => (counts.get(group) ?? 0) < 10,
    );
    expect(thinRoutes).toEqual([]);
    expect(EVERY_CLIENT_EVENT_IS_FUZZED).toBe(true);
    const thinEvents = CLIENT_EVENTS.filter((event) => (counts.get(`socket ${event}`) ?? 0) < 40);
    expect(thinEvents).toEqual([]);
    expect(counts.get('socket unknown events') ?? 0).toBeGreaterThanOrEqual(UNKNOWN_EVENTS.length);
    expect(violations).toEqual([]);
    expect(subject.server().process.exitCode).toBeNull();
  }, 120_000);

  it('changed no data: messages, channels, members and users are exactly as before the fuzz', async () => {
    expect(await snapshot()).toEqual(before);
  }, 30_000);

  it('keeps serving everyone: health, REST, a fresh socket and a valid send by a member', async () => {
    const health = await request(url(), 'GET', '/health');
    expect(health.status).toBe(200);
    const me = await request<{ id: string }>(url(), 'GET', '/api/users/me', {
      token: world.member.accessToken,
    });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(world.member.user.id);

    const fresh = await connectClient(url(), world.bystander.accessToken);
    expect(fresh.ready.channelIds).toContain(world.pub.id);
    const sent = expectOk(
      await emitWithAck<Message>(fresh.socket, 'send-message', {
        channelId: world.pub.id,
        content: 'still here',
        clientMessageId: 'after-the-fuzz',
      }),
    );
    expect(sent).toMatchObject({
      channelId: world.pub.id,
      content: 'still here',
      authorId: world.bystander.user.id,
    });
    // The sockets that fuzzed are still subscribed and get it.
    const memberClient = clients.get('member');
    if (!memberClient) throw new Error('no member socket');
    expect(await memberClient.waitFor('new-message', (message) => message.id === sent.id)).toEqual(sent);
    expect(subject.server().process.exitCode).toBeNull();
  }, 30_000);
});
