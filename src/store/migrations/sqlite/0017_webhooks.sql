-- 0017 outgoing webhooks (SQLite). A hook belongs to a community (community_id,
-- registered by one of its coordinators) or to the instance (community_id NULL, registered by
-- an administrator); events is the space-separated list of event types it wants; secret is
-- the HMAC key (hex) every delivery is signed with. active = 0 once it is turned off by its
-- owner or disabled after failing for too long (disabled_reason says which); failing_since is
-- the time of the first failed attempt since the last success (0 = healthy).
-- A delivery is one event for one hook (payload fixed when the event happened; redelivering
-- makes a new delivery with the same event id); webhook_attempts logs every try.
-- Ids are never reused (AUTOINCREMENT here, identity columns on PostgreSQL): a delivery's job
-- key is "webhook:ID", and a reused id would collide with a finished job's key.
-- See docs/internals/webhooks.md. Same tables as pg/0017.

CREATE TABLE webhooks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    community_id INTEGER REFERENCES communities(id) ON DELETE CASCADE,
    owner_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    events TEXT NOT NULL,
    secret TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    disabled_reason TEXT NOT NULL DEFAULT '',
    failing_since INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX webhooks_community ON webhooks(community_id, active);

CREATE TABLE webhook_deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hook_id INTEGER NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
    event_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    payload TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'ok', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    last_at INTEGER NOT NULL DEFAULT 0,
    last_code INTEGER NOT NULL DEFAULT 0,
    last_ms INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX webhook_deliveries_hook ON webhook_deliveries(hook_id, id);

CREATE TABLE webhook_attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_id INTEGER NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
    hook_id INTEGER NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
    at INTEGER NOT NULL,
    ok INTEGER NOT NULL,
    code INTEGER NOT NULL,
    ms INTEGER NOT NULL,
    error TEXT NOT NULL
);
CREATE INDEX webhook_attempts_hook ON webhook_attempts(hook_id, id);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts(delivery_id);
