-- 0020 flags (SQLite). Same tables as pg/0020.
-- Flags on posts and comments, posts held for review, and timed restrictions of members
-- (docs/moderation.md, docs/internals/moderation.md).
--
-- A held post is stored hidden (posts.hidden_at, hide_reason says why) with held_at set; a
-- held opening post also marks its thread deleted (threads.deleted_at) with threads.held_at
-- set. So every list, count, search index, feed, digest and notification that already leaves
-- out hidden posts and deleted threads leaves out held ones too; held_at is what lets the
-- author still see it and a moderator approve it. Approval clears all four.
--
-- flags: one per member per item (item_kind, item_id); post_id is the post itself or the
-- comment's post (for the community and the cascade). weight is in hundredths, fixed when the
-- flag is raised from the flagger's accuracy then. status pending -> agreed | disagreed |
-- deferred; outcome says what the moderator did (hide, delete, edit, approve, ...).

ALTER TABLE posts ADD COLUMN held_at BIGINT;
ALTER TABLE threads ADD COLUMN held_at BIGINT;
ALTER TABLE communities ADD COLUMN review_first_posts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN suspended_until BIGINT;
ALTER TABLE users ADD COLUMN silenced_until BIGINT;
ALTER TABLE users ADD COLUMN restrict_reason TEXT NOT NULL DEFAULT '';
CREATE INDEX posts_held ON posts(held_at) WHERE held_at IS NOT NULL;

CREATE TABLE flags (
    id INTEGER PRIMARY KEY,
    item_kind TEXT NOT NULL CHECK (item_kind IN ('post', 'comment')),
    item_id BIGINT NOT NULL,
    post_id BIGINT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    author_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    flagger_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    reason TEXT NOT NULL CHECK (reason IN ('spam', 'rude', 'off_topic', 'needs_improvement',
                                           'duplicate', 'other')),
    original_thread_id BIGINT,
    note TEXT NOT NULL DEFAULT '',
    weight BIGINT NOT NULL DEFAULT 100,
    status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'agreed', 'disagreed', 'deferred')),
    outcome TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    resolved_at BIGINT,
    resolved_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    UNIQUE (item_kind, item_id, flagger_id)
);
CREATE INDEX flags_post ON flags(post_id, status);
CREATE INDEX flags_pending ON flags(status, created_at) WHERE status = 'pending';
CREATE INDEX flags_flagger ON flags(flagger_id, id);
CREATE INDEX flags_author ON flags(author_id, status);
