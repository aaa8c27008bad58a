-- When a user was last connected (presence).
ALTER TABLE users ADD COLUMN last_seen_at TEXT;

-- Mention counts look at every message (replies included) after the read marker.
CREATE INDEX messages_channel_seq ON messages (channel_id, seq);
