-- 0025 coaching (sqlite). Same tables as the other dialect's 0025.
-- Newcomer coaching for first questions (docs/moderation.md "Coaching",
-- docs/internals/moderation.md). A question in coaching is stored like a held question
-- (threads.deleted_at and held_at set, its opening post hidden and held, see 0020), with
-- threads.coaching_at set as well: every reader that leaves out deleted threads and hidden
-- posts leaves it out, and coaching_at is what lets the community's coaches read it.
-- Publication clears all of them and sets threads.coached_at.
--
-- communities.coaching: on/off; coaching_level: the minimum trust level (0-4) of a coach;
-- coaching_hours: hours until a question publishes itself (0 = never); coaching_first_only:
-- 1 = only a member's first question here is coached, 0 = every question of a level-0 member.
--
-- coaching_notes: the private conversation of one coached question: comments (by coaches
-- and the author), suggested edits (title and body proposed by a coach; status pending ->
-- accepted | rejected) and "ready" marks (a coach approved and published it). The notes'
-- authors other than the question's author are its credited coaches.

ALTER TABLE communities ADD COLUMN coaching INTEGER NOT NULL DEFAULT 0;
ALTER TABLE communities ADD COLUMN coaching_level INTEGER NOT NULL DEFAULT 2;
ALTER TABLE communities ADD COLUMN coaching_hours INTEGER NOT NULL DEFAULT 72;
ALTER TABLE communities ADD COLUMN coaching_first_only INTEGER NOT NULL DEFAULT 1;
ALTER TABLE threads ADD COLUMN coaching_at BIGINT;
ALTER TABLE threads ADD COLUMN coached_at BIGINT;
CREATE INDEX threads_coaching ON threads(community_id, coaching_at) WHERE coaching_at IS NOT NULL;

CREATE TABLE coaching_notes (
    id INTEGER PRIMARY KEY,
    thread_id BIGINT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
    author_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    kind TEXT NOT NULL CHECK (kind IN ('comment', 'suggestion', 'ready')),
    title TEXT NOT NULL DEFAULT '',
    body_md TEXT NOT NULL DEFAULT '',
    body_html TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT '' CHECK (status IN ('', 'pending', 'accepted', 'rejected')),
    created_at BIGINT NOT NULL,
    decided_at BIGINT
);
CREATE INDEX coaching_notes_thread ON coaching_notes(thread_id, id);
CREATE INDEX coaching_notes_author ON coaching_notes(author_id, created_at);
