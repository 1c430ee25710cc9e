-- 0016 digests (PostgreSQL): each member's digest frequency ('off', 'daily', 'weekly'; weekly by
-- default, as Discourse does: only members with a verified address get mail at all) and
-- when the last digest was built (digest_last_at, 0 = never). The sweep reads both to find
-- who is due; see docs/internals/digests.md. Same columns as sqlite/0016.

ALTER TABLE users ADD COLUMN digest_frequency TEXT NOT NULL DEFAULT 'weekly'
    CHECK (digest_frequency IN ('off', 'daily', 'weekly'));
ALTER TABLE users ADD COLUMN digest_last_at BIGINT NOT NULL DEFAULT 0;
CREATE INDEX sessions_user_seen ON sessions(user_id, last_seen_at);
