-- Notifications and following (SQLite). A notification now knows what it is about (actor,
-- community, thread, post) so visibility is checked again whenever it is listed or counted,
-- (or event), and repeated activity on one target collapses into one unread row (group_key, count).
-- mailed_at is for the mail side (0013): NULL = not mailed yet. follows holds a member's
-- level per thread (thread_id), per community (community_id, tag '') and per tag
-- (community_id, tag): 0 muted, 1 normal, 2 tracking, 3 watching; no row = normal.
-- thread_reads remembers the last post position a member has seen in a thread.
-- See docs/internals/notifications.md. Same tables as pg/0012.

ALTER TABLE notifications ADD COLUMN actor_id INTEGER REFERENCES users(id) ON DELETE SET NULL;
ALTER TABLE notifications ADD COLUMN community_id INTEGER;
ALTER TABLE notifications ADD COLUMN thread_id INTEGER;
ALTER TABLE notifications ADD COLUMN post_id INTEGER;
ALTER TABLE notifications ADD COLUMN last_post_id INTEGER;
ALTER TABLE notifications ADD COLUMN event_id INTEGER;
ALTER TABLE notifications ADD COLUMN group_key TEXT NOT NULL DEFAULT '';
ALTER TABLE notifications ADD COLUMN count INTEGER NOT NULL DEFAULT 1;
ALTER TABLE notifications ADD COLUMN mailed_at INTEGER;
CREATE INDEX notifications_group ON notifications(user_id, group_key) WHERE read_at IS NULL;
CREATE INDEX notifications_thread ON notifications(user_id, thread_id) WHERE read_at IS NULL;
CREATE INDEX notifications_post ON notifications(post_id, user_id);
CREATE INDEX notifications_unmailed ON notifications(user_id, id) WHERE mailed_at IS NULL AND read_at IS NULL;

CREATE TABLE follows (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    community_id INTEGER NOT NULL DEFAULT 0,
    thread_id INTEGER NOT NULL DEFAULT 0,
    tag TEXT NOT NULL DEFAULT '',
    level INTEGER NOT NULL CHECK (level BETWEEN 0 AND 3),
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, community_id, thread_id, tag)
);
CREATE INDEX follows_thread ON follows(thread_id, level) WHERE thread_id <> 0;
CREATE INDEX follows_community ON follows(community_id, tag, level) WHERE thread_id = 0;

ALTER TABLE users ADD COLUMN auto_watch INTEGER NOT NULL DEFAULT 1;

CREATE TABLE thread_reads (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    thread_id INTEGER NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
    last_position INTEGER NOT NULL,
    PRIMARY KEY (user_id, thread_id)
);
