-- 0026 reading and close votes (issue 16, docs/moderation.md "Trust levels" and "Closing by
-- vote"). user_days gains the day's reading, coarse and privacy-respecting (per member per
-- day, never per page): topics = thread pages opened, posts_read = posts shown on them (capped
-- per page and per day), minutes = minutes spent reading (a signed-in page view at least a
-- minute after the previous one counts the gap, up to a few minutes; capped per day).
-- close_votes holds members' votes to close a thread (or to reopen it, kind 'reopen'), one
-- per member per thread and kind, with a reason and, for duplicates, the original thread.

ALTER TABLE user_days ADD COLUMN topics INTEGER NOT NULL DEFAULT 0;
ALTER TABLE user_days ADD COLUMN posts_read INTEGER NOT NULL DEFAULT 0;
ALTER TABLE user_days ADD COLUMN minutes INTEGER NOT NULL DEFAULT 0;

CREATE TABLE close_votes (
    thread_id BIGINT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('close', 'reopen')),
    reason TEXT NOT NULL DEFAULT '',      -- close: duplicate | off_topic | needs_details
    original_id BIGINT NOT NULL DEFAULT 0, -- close as duplicate: the original thread
    created_at BIGINT NOT NULL,
    PRIMARY KEY (thread_id, kind, user_id)
);
