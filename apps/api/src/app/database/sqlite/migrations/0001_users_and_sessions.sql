-- Users. Email is unique case-insensitively through email_lower; usernames are stored lower-case.
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL,
  email_lower TEXT NOT NULL UNIQUE,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  display_name_lower TEXT NOT NULL,
  avatar_url TEXT,
  role TEXT NOT NULL CHECK (role IN ('admin', 'member')),
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

-- GET /api/users?q= matches a prefix of the display name (the username has its own unique index).
CREATE INDEX users_display_name_lower ON users (display_name_lower);

-- One row per refresh token; a login starts a family, each rotation adds a row to it.
CREATE TABLE refresh_tokens (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  family_id TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  replaced_by TEXT,
  revoked_at TEXT
) STRICT;

-- Revoking a whole family (logout, reuse detection).
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
-- Revoking every session of a user.
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);
-- Sweeping expired tokens.
CREATE INDEX refresh_tokens_expires ON refresh_tokens (expires_at);

-- One-off claims such as "the first registered user becomes admin".
CREATE TABLE system_flags (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
