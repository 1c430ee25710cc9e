-- 0021 live updates (SQLite): the backlog of Server-Sent Events messages. Every message a
-- change publishes is written here in the change's own transaction; each process's live hub
-- reads new rows in id order and hands them to its streams, and a reconnecting client gets
-- the rows after its Last-Event-ID from here. community_id (0 = none) and user_id (0 = any
-- reader of the community; else the only user who may receive it) say who may read it; the
-- check is made per subscriber when the message is delivered. Bounded: the last 2,000 rows
-- and 7 days (trimmed on insert). AUTOINCREMENT so ids are never reused after a trim. See
-- docs/internals/live.md. Same columns as pg/0021.

CREATE TABLE live_messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    channel TEXT NOT NULL,
    community_id INTEGER NOT NULL DEFAULT 0,
    user_id INTEGER NOT NULL DEFAULT 0,
    payload TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX live_messages_created ON live_messages(created_at);
