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

-- An instance upgraded with members already above level 1 keeps reading out of its thresholds
-- (0 = not required), so that nobody is demoted for reading that was never recorded; an
-- administrator raises them on /admin/moderation once reading has been recorded for a while.
-- A fresh instance has no such members and gets the documented defaults.
INSERT INTO settings (key, value)
    SELECT k.key, '0' FROM (
        SELECT 'trust2_topics' AS key UNION ALL SELECT 'trust2_posts_read'
        UNION ALL SELECT 'trust2_minutes' UNION ALL SELECT 'trust3_topics'
        UNION ALL SELECT 'trust3_posts_read' UNION ALL SELECT 'trust3_minutes'
        UNION ALL SELECT 'trust4_topics' UNION ALL SELECT 'trust4_posts_read'
        UNION ALL SELECT 'trust4_minutes') k
    WHERE EXISTS (SELECT 1 FROM users WHERE trust_level >= 2)
      AND NOT EXISTS (SELECT 1 FROM settings s WHERE s.key = k.key);
