-- Channels: public and private ones have a unique name; direct conversations have a unique
-- direct_key (the sorted member ids), so the same set of people always gets the same channel.
-- last_rev is the per-channel counter every mutation takes its rev from (DESIGN section 3);
-- last_seq is the seq of the newest top-level message.
CREATE TABLE channels (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  topic TEXT,
  type TEXT NOT NULL CHECK (type IN ('public', 'private', 'direct')),
  direct_key TEXT UNIQUE,
  created_by TEXT NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  archived_at TEXT,
  last_rev INTEGER NOT NULL DEFAULT 0,
  last_seq INTEGER NOT NULL DEFAULT 0,
  member_count INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Unique names among public and private channels; GET /api/channels/browse?q= scans public names by prefix.
CREATE UNIQUE INDEX channels_name ON channels (name) WHERE type <> 'direct';
CREATE INDEX channels_browse ON channels (type, name);

-- Memberships are rows of their own: a channel with 10,000 members is 10,000 small rows.
CREATE TABLE channel_members (
  channel_id TEXT NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
  joined_at TEXT NOT NULL,
  last_read_seq INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (channel_id, user_id)
) STRICT, WITHOUT ROWID;

-- A user's channels (GET /api/channels, rooms joined on connect).
CREATE INDEX channel_members_user ON channel_members (user_id, channel_id);

CREATE TABLE messages (
  id TEXT PRIMARY KEY,
  channel_id TEXT NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  rev INTEGER NOT NULL,
  author_id TEXT NOT NULL REFERENCES users (id),
  content TEXT NOT NULL,
  mentions TEXT NOT NULL DEFAULT '[]',
  mentions_channel INTEGER NOT NULL DEFAULT 0,
  parent_id TEXT REFERENCES messages (id),
  reply_count INTEGER NOT NULL DEFAULT 0,
  last_reply_at TEXT,
  reactions TEXT NOT NULL DEFAULT '[]',
  client_message_id TEXT,
  created_at TEXT NOT NULL,
  edited_at TEXT,
  deleted_at TEXT
) STRICT;

-- Timeline pages: top-level messages of a channel by seq (seq values are unique: each is a rev).
CREATE INDEX messages_timeline ON messages (channel_id, seq) WHERE parent_id IS NULL;
-- Catch-up: every change of a channel after a rev.
CREATE UNIQUE INDEX messages_changes ON messages (channel_id, rev);
-- Idempotent sends: one message per (author, clientMessageId).
CREATE UNIQUE INDEX messages_client_id ON messages (author_id, client_message_id) WHERE client_message_id IS NOT NULL;
-- Thread replies of a message by seq.
CREATE INDEX messages_thread ON messages (parent_id, seq) WHERE parent_id IS NOT NULL;
