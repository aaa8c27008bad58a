import type { PresenceStatus } from '@supchat/contracts';
import type { Redis } from 'ioredis';
import { KEY_PREFIX, LuaScript } from '../redis/lua-script';
import type {
  ClientStatus,
  LocalSocket,
  PresenceStore,
  StatusChange,
  UserStatusChange,
} from './presence.store';

const P = `${KEY_PREFIX}presence:`;
/** An instance that has not renewed its heartbeat for this long is dead (the issue: about 30 s). */
export const HEARTBEAT_TTL_MS = 30_000;

/**
 * Keys:
 *   P..sockets:<user>     HASH socketId -> "<status>|<instanceId>"
 *   P..lingering:<user>   the status shown between the last socket closing and going offline
 *   P..due                ZSET user -> when to go offline
 *   P..instance:<id>      SET "<user>|<socketId>" of an instance (to reap it if it dies)
 *   P..alive:<id>         the instance's heartbeat, expiring after HEARTBEAT_TTL_MS
 *   P..instances          SET of instance ids
 */
const STATUS_OF = `
local function status_of(sockets_key, lingering_key)
  local values = redis.call('HVALS', sockets_key)
  if #values == 0 then
    local lingering = redis.call('GET', lingering_key)
    if lingering then return lingering end
    return 'offline'
  end
  for _, value in ipairs(values) do
    if string.sub(value, 1, 6) == 'online' then return 'online' end
  end
  return 'away'
end`;

/** KEYS: sockets, lingering, instance set, due. ARGV: user, socket, instance, status. */
const ADD_SOCKET = new LuaScript(
  `${STATUS_OF}
local previous = status_of(KEYS[1], KEYS[2])
redis.call('HSET', KEYS[1], ARGV[2], ARGV[4] .. '|' .. ARGV[3])
redis.call('SADD', KEYS[3], ARGV[1] .. '|' .. ARGV[2])
redis.call('ZREM', KEYS[4], ARGV[1])
return { previous, status_of(KEYS[1], KEYS[2]) }`,
  4,
);

/** KEYS: sockets, lingering, instance set. ARGV: user, socket. */
const REMOVE_SOCKET = new LuaScript(
  `${STATUS_OF}
local before = status_of(KEYS[1], KEYS[2])
redis.call('HDEL', KEYS[1], ARGV[2])
redis.call('SREM', KEYS[3], ARGV[1] .. '|' .. ARGV[2])
local remaining = redis.call('HLEN', KEYS[1])
if remaining == 0 and before ~= 'offline' then redis.call('SET', KEYS[2], before) end
return remaining`,
  3,
);

/** KEYS: sockets, lingering. ARGV: socket, status. */
const SET_STATUS = new LuaScript(
  `${STATUS_OF}
local current = redis.call('HGET', KEYS[1], ARGV[1])
local previous = status_of(KEYS[1], KEYS[2])
if not current then return { previous, previous } end
local instance = string.match(current, '|(.*)$')
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. '|' .. instance)
return { previous, status_of(KEYS[1], KEYS[2]) }`,
  2,
);

/** KEYS: sockets, lingering. */
const EXPIRE_IF_IDLE = new LuaScript(
  `if redis.call('HLEN', KEYS[1]) > 0 then return 0 end
return redis.call('DEL', KEYS[2])`,
  2,
);

/** KEYS: due. ARGV: now. Hands each due user to one caller. */
const TAKE_DUE = new LuaScript(
  `local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'WITHSCORES', 'LIMIT', 0, 1000)
for i = 1, #due, 2 do redis.call('ZREM', KEYS[1], due[i]) end
return due`,
  1,
);

/**
 * KEYS: instance set, due. ARGV: now, prefix. Removes every socket of a dead instance; users left
 * without a socket keep their last status and are due to go offline now.
 */
const REAP_INSTANCE = new LuaScript(
  `${STATUS_OF}
local entries = redis.call('SMEMBERS', KEYS[1])
for _, entry in ipairs(entries) do
  local user, socket = string.match(entry, '^(.-)|(.*)$')
  local sockets_key = ARGV[2] .. 'sockets:' .. user
  local lingering_key = ARGV[2] .. 'lingering:' .. user
  local before = status_of(sockets_key, lingering_key)
  redis.call('HDEL', sockets_key, socket)
  if redis.call('HLEN', sockets_key) == 0 then
    if before ~= 'offline' then redis.call('SET', lingering_key, before) end
    redis.call('ZADD', KEYS[2], 'NX', ARGV[1], user)
  end
end
redis.call('DEL', KEYS[1])
return #entries`,
  2,
);

/**
 * KEYS: instance set, due. ARGV: now, prefix, instance, then user, socket, status for every socket
 * the instance holds. Returns user, status before, status after for every user it touched.
 */
const RESYNC_INSTANCE = new LuaScript(
  `${STATUS_OF}
local wanted = {}
for i = 4, #ARGV, 3 do wanted[ARGV[i] .. '|' .. ARGV[i + 1]] = ARGV[i + 2] end
local before = {}
local order = {}
local function touch(user)
  if before[user] == nil then
    before[user] = status_of(ARGV[2] .. 'sockets:' .. user, ARGV[2] .. 'lingering:' .. user)
    table.insert(order, user)
  end
end
for _, entry in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if wanted[entry] == nil then
    local user, socket = string.match(entry, '^(.-)|(.*)$')
    touch(user)
    local sockets_key = ARGV[2] .. 'sockets:' .. user
    redis.call('HDEL', sockets_key, socket)
    redis.call('SREM', KEYS[1], entry)
    if redis.call('HLEN', sockets_key) == 0 then
      if before[user] ~= 'offline' then redis.call('SET', ARGV[2] .. 'lingering:' .. user, before[user]) end
      redis.call('ZADD', KEYS[2], 'NX', ARGV[1], user)
    end
  end
end
for entry, status in pairs(wanted) do
  local user, socket = string.match(entry, '^(.-)|(.*)$')
  touch(user)
  redis.call('HSET', ARGV[2] .. 'sockets:' .. user, socket, status .. '|' .. ARGV[3])
  redis.call('SADD', KEYS[1], entry)
  redis.call('ZREM', KEYS[2], user)
end
local out = {}
for _, user in ipairs(order) do
  table.insert(out, user)
  table.insert(out, before[user])
  table.insert(out, status_of(ARGV[2] .. 'sockets:' .. user, ARGV[2] .. 'lingering:' .. user))
end
return out`,
  2,
);

function toStatus(value: string): PresenceStatus {
  return value === 'online' || value === 'away' ? value : 'offline';
}

/** Presence shared by every instance through Redis (see PresenceStore). */
export class RedisPresenceStore implements PresenceStore {
  constructor(
    private readonly redis: Redis,
    private readonly instanceId: string,
  ) {}

  async addSocket(userId: string, socketId: string, status: ClientStatus = 'online'): Promise<StatusChange> {
    const [previous, current] = await ADD_SOCKET.run<[string, string]>(
      this.redis,
      [this.socketsKey(userId), this.lingeringKey(userId), this.instanceKey(this.instanceId), `${P}due`],
      [userId, socketId, this.instanceId, status],
    );
    return { previous: toStatus(previous), current: toStatus(current) };
  }

  async removeSocket(userId: string, socketId: string): Promise<number> {
    return REMOVE_SOCKET.run<number>(
      this.redis,
      [this.socketsKey(userId), this.lingeringKey(userId), this.instanceKey(this.instanceId)],
      [userId, socketId],
    );
  }

  async setSocketStatus(userId: string, socketId: string, status: ClientStatus): Promise<StatusChange> {
    const [previous, current] = await SET_STATUS.run<[string, string]>(
      this.redis,
      [this.socketsKey(userId), this.lingeringKey(userId)],
      [socketId, status],
    );
    return { previous: toStatus(previous), current: toStatus(current) };
  }

  async expireIfIdle(userId: string): Promise<boolean> {
    return (
      (await EXPIRE_IF_IDLE.run<number>(this.redis, [this.socketsKey(userId), this.lingeringKey(userId)])) ===
      1
    );
  }

  async statuses(userIds: readonly string[]): Promise<Map<string, PresenceStatus>> {
    if (userIds.length === 0) return new Map();
    const pipeline = this.redis.pipeline();
    for (const userId of userIds) {
      pipeline.hvals(this.socketsKey(userId));
      pipeline.get(this.lingeringKey(userId));
    }
    const results = (await pipeline.exec()) ?? [];
    const statuses = new Map<string, PresenceStatus>();
    userIds.forEach((userId, index) => {
      const [socketsError, sockets] = results[index * 2] ?? [null, []];
      const [lingeringError, lingering] = results[index * 2 + 1] ?? [null, null];
      if (socketsError || lingeringError) throw socketsError ?? lingeringError;
      const values = (sockets as string[] | null) ?? [];
      if (values.length === 0) statuses.set(userId, toStatus((lingering as string | null) ?? 'offline'));
      else statuses.set(userId, values.some((value) => value.startsWith('online|')) ? 'online' : 'away');
    });
    return statuses;
  }

  async scheduleOffline(userId: string, dueAt: number): Promise<void> {
    await this.redis.zadd(`${P}due`, dueAt, userId);
  }

  async cancelOffline(userId: string): Promise<void> {
    await this.redis.zrem(`${P}due`, userId);
  }

  async takeDue(now: number): Promise<{ userId: string; dueAt: number }[]> {
    const flat = await TAKE_DUE.run<string[]>(this.redis, [`${P}due`], [now]);
    const taken: { userId: string; dueAt: number }[] = [];
    for (let index = 0; index < flat.length; index += 2) {
      taken.push({ userId: flat[index], dueAt: Number(flat[index + 1]) });
    }
    return taken;
  }

  async heartbeat(): Promise<void> {
    await this.redis
      .multi()
      .set(`${P}alive:${this.instanceId}`, '1', 'PX', HEARTBEAT_TTL_MS)
      .sadd(`${P}instances`, this.instanceId)
      .exec();
  }

  async resync(sockets: readonly LocalSocket[]): Promise<UserStatusChange[]> {
    const flat = await RESYNC_INSTANCE.run<string[]>(
      this.redis,
      [this.instanceKey(this.instanceId), `${P}due`],
      [
        Date.now(),
        P,
        this.instanceId,
        ...sockets.flatMap((socket) => [socket.userId, socket.socketId, socket.status]),
      ],
    );
    const changes: UserStatusChange[] = [];
    for (let index = 0; index < flat.length; index += 3) {
      changes.push({
        userId: flat[index],
        previous: toStatus(flat[index + 1]),
        current: toStatus(flat[index + 2]),
      });
    }
    return changes;
  }

  async reapDeadInstances(): Promise<void> {
    const instances = await this.redis.smembers(`${P}instances`);
    for (const instanceId of instances) {
      if (instanceId === this.instanceId) continue;
      if ((await this.redis.exists(`${P}alive:${instanceId}`)) === 1) continue;
      // Whoever removes it from the set reaps it; the others move on.
      if ((await this.redis.srem(`${P}instances`, instanceId)) !== 1) continue;
      await REAP_INSTANCE.run(this.redis, [this.instanceKey(instanceId), `${P}due`], [Date.now(), P]);
    }
  }

  /** The heartbeat stops at once: any socket this instance could not remove is reaped by the others. */
  async close(): Promise<void> {
    await this.redis.del(`${P}alive:${this.instanceId}`);
  }

  private socketsKey(userId: string): string {
    return `${P}sockets:${userId}`;
  }

  private lingeringKey(userId: string): string {
    return `${P}lingering:${userId}`;
  }

  private instanceKey(instanceId: string): string {
    return `${P}instance:${instanceId}`;
  }
}
