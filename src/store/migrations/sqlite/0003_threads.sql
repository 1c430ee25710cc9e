-- Threads, questions and answers (SQLite): threads and their posts, revisions, tags, votes,
-- likes, mentions, drafts, tag proposals and the moderation audit log.
-- Times are UTC seconds, booleans are 0/1 integers. Same tables as pg/0003.

ALTER TABLE communities ADD COLUMN tag_proposals INTEGER NOT NULL DEFAULT 0;

CREATE TABLE threads (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('question', 'discussion')),
    title TEXT NOT NULL,
    tags TEXT NOT NULL DEFAULT '',
    author_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    last_activity_at INTEGER NOT NULL,
    last_post_id INTEGER,
    post_count INTEGER NOT NULL DEFAULT 0,
    reply_count INTEGER NOT NULL DEFAULT 0,
    answer_count INTEGER NOT NULL DEFAULT 0,
    score INTEGER NOT NULL DEFAULT 0,
    accepted_post_id INTEGER,
    locked INTEGER NOT NULL DEFAULT 0,
    pinned INTEGER NOT NULL DEFAULT 0,
    closed_at INTEGER,
    close_reason TEXT NOT NULL DEFAULT '',
    deleted_at INTEGER,
    moved_from_community_id INTEGER
);
-- The list indexes are partial (live threads only): "deleted_at IS NULL" as a leading index
-- column does not let PostgreSQL read the index in ORDER BY order (IS NULL is not an equality
-- for its planner), so the first page of a list sorted every thread; partial indexes serve
-- the ORDER BY on both backends and skip deleted threads.
CREATE INDEX threads_latest ON threads(community_id, last_activity_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX threads_pinned ON threads(community_id, pinned DESC, last_activity_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX threads_top ON threads(community_id, score DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX threads_all_latest ON threads(last_activity_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX threads_all_top ON threads(score DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX threads_unanswered ON threads(community_id, kind, answer_count, last_activity_at DESC, id DESC);
CREATE INDEX threads_author ON threads(author_id);

CREATE TABLE posts (
    id INTEGER PRIMARY KEY,
    thread_id INTEGER NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    author_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    reply_to_post_id INTEGER,
    body_md TEXT NOT NULL,
    body_html TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    edited_at INTEGER,
    edit_count INTEGER NOT NULL DEFAULT 0,
    score INTEGER NOT NULL DEFAULT 0,
    like_count INTEGER NOT NULL DEFAULT 0,
    hidden_at INTEGER,
    hidden_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    hide_reason TEXT NOT NULL DEFAULT '',
    deleted_at INTEGER,
    UNIQUE (thread_id, position)
);
CREATE INDEX posts_author ON posts(author_id, thread_id);
CREATE INDEX posts_rank ON posts(thread_id, score DESC, position);

CREATE TABLE post_revisions (
    id INTEGER PRIMARY KEY,
    post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    rev INTEGER NOT NULL,
    author_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    title TEXT,
    tags TEXT,
    body_md TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    UNIQUE (post_id, rev)
);

CREATE TABLE thread_tags (
    thread_id INTEGER NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (thread_id, tag)
);
CREATE INDEX thread_tags_tag ON thread_tags(tag, thread_id);

CREATE TABLE tag_proposals (
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    proposed_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (community_id, tag)
);

CREATE TABLE votes (
    post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    value INTEGER NOT NULL CHECK (value IN (-1, 1)),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (post_id, user_id)
);

CREATE TABLE likes (
    post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (post_id, user_id)
);

CREATE TABLE mentions (
    post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (post_id, user_id)
);
CREATE INDEX mentions_user ON mentions(user_id);

CREATE TABLE drafts (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    draft_key TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT '',
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, draft_key)
);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    actor_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    action TEXT NOT NULL,
    thread_id INTEGER,
    post_id INTEGER,
    detail TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
);
CREATE INDEX audit_log_community ON audit_log(community_id, id DESC);
