-- 0001 accounts (SQLite): instance settings, users and their skills, browser sessions,
-- API tokens, sign-in attempts for rate limiting, and registration invites.
-- Times are UTC seconds (BIGINT), booleans are INTEGER 0/1. Same tables as pg/0001.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,                 -- as typed at sign-up
    name_key      TEXT NOT NULL UNIQUE,          -- lower-case name: uniqueness and look-up
    display_name  TEXT NOT NULL,
    password_hash TEXT,                          -- argon2id string, NULL = cannot sign in
    is_admin      INTEGER NOT NULL DEFAULT 0,
    status        TEXT NOT NULL DEFAULT 'active'
                  CHECK (status IN ('active', 'suspended', 'unclaimed')),
    bio_md        TEXT NOT NULL DEFAULT '',
    bio_html      TEXT NOT NULL DEFAULT '',      -- rendered from bio_md on write
    timezone      TEXT NOT NULL DEFAULT '',      -- IANA zone, '' = not said
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);

CREATE TABLE user_skills (
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    tag     TEXT NOT NULL,
    PRIMARY KEY (user_id, tag)
);
CREATE INDEX user_skills_tag ON user_skills(tag);

CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,               -- BLAKE2b of the cookie token
    user_id      BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    user_agent   TEXT NOT NULL DEFAULT '',
    ip           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expires ON sessions(expires_at);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    prefix       TEXT NOT NULL,                  -- first 8 characters, shown in lists
    created_at   BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at   BIGINT
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

CREATE TABLE login_attempts (
    id    INTEGER PRIMARY KEY,
    scope TEXT NOT NULL CHECK (scope IN ('user', 'addr')),
    key   TEXT NOT NULL,                         -- name_key or client address
    at    BIGINT NOT NULL
);
CREATE INDEX login_attempts_lookup ON login_attempts(scope, key, at);

CREATE TABLE registration_invites (
    id         INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,  -- NULL = the CLI
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_by    BIGINT REFERENCES users(id) ON DELETE SET NULL,
    used_at    BIGINT,
    note       TEXT NOT NULL DEFAULT ''
);
