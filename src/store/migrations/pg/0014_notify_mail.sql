-- 0014 notification email (PostgreSQL): each member's choice per notification kind
-- ('app', 'email' or 'digest'; a kind without a row has the default of
-- domain/notification.h), plus two switches in the same table: kind 'all' = 'off' stops
-- every notification email, kind 'digest' = 'off' stops the digest (read by the digest
-- job). See docs/internals/notifications.md. Same table as sqlite/0014.

CREATE TABLE notify_prefs (
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,   -- a notification kind, 'all' or 'digest'
    mode       TEXT NOT NULL,   -- 'app' | 'email' | 'digest' | 'off' | 'on'
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, kind)
);
