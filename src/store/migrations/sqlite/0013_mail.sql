-- 0013 mail (SQLite): durable jobs, email addresses on accounts, single-use email tokens
-- (address verification, password reset) and a small rate table for the reset form.
-- See docs/internals/jobs.md. Same tables as pg/0013.

CREATE TABLE jobs (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL,                 -- 'mail', ...
    payload         TEXT NOT NULL,                 -- JSON object, read by the kind's runner
    run_at          BIGINT NOT NULL,               -- not before (UTC seconds)
    attempts        INTEGER NOT NULL DEFAULT 0,    -- claims so far
    max_attempts    INTEGER NOT NULL DEFAULT 8,
    state           TEXT NOT NULL DEFAULT 'queued'
                    CHECK (state IN ('queued', 'running', 'done', 'dead')),
    last_error      TEXT NOT NULL DEFAULT '',
    idempotency_key TEXT NOT NULL UNIQUE,          -- mail: the Message-ID
    locked_by       TEXT,                          -- worker that claimed it
    locked_until    BIGINT,                        -- lease end; later = reclaimable
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX jobs_due ON jobs(state, run_at);

ALTER TABLE users ADD COLUMN email TEXT;             -- as typed, NULL = none
ALTER TABLE users ADD COLUMN email_key TEXT;         -- lower-case, unique
ALTER TABLE users ADD COLUMN email_verified_at BIGINT;
CREATE UNIQUE INDEX users_email_key ON users(email_key);

CREATE TABLE email_tokens (
    token_hash TEXT PRIMARY KEY,                      -- BLAKE2b of the link's token
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose    TEXT NOT NULL CHECK (purpose IN ('verify', 'reset')),
    email      TEXT NOT NULL,                         -- the address it was sent to
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
);
CREATE INDEX email_tokens_user ON email_tokens(user_id, purpose, created_at);

CREATE TABLE mail_rate (
    scope TEXT NOT NULL,                              -- 'reset_addr' (client address)
    key   TEXT NOT NULL,
    at    BIGINT NOT NULL
);
CREATE INDEX mail_rate_lookup ON mail_rate(scope, key, at);
