-- The knowledge base (SQLite): articles with their revisions, old slugs (redirects), links
-- between articles ([[wiki links]]) and to threads, readers' feedback, the members a
-- coordinator marks trusted to edit, and a minimal in-app notifications table.
-- Times are UTC seconds, booleans are 0/1 integers. Same tables as pg/0007.

-- Who may edit the community's articles: coordinators | trusted | members.
ALTER TABLE communities ADD COLUMN article_editors TEXT NOT NULL DEFAULT 'trusted';

CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    slug TEXT NOT NULL,
    title TEXT NOT NULL,
    tags TEXT NOT NULL DEFAULT '',
    body_md TEXT NOT NULL DEFAULT '',
    body_html TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'published', 'best_practice', 'outdated')),
    replaced_by INTEGER REFERENCES articles(id) ON DELETE SET NULL,
    current_rev INTEGER NOT NULL DEFAULT 0,
    owner_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    review_by INTEGER NOT NULL DEFAULT 0,
    review_notified INTEGER NOT NULL DEFAULT 0,
    helped_count INTEGER NOT NULL DEFAULT 0,
    outdated_count INTEGER NOT NULL DEFAULT 0,
    created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (community_id, slug)
);
CREATE INDEX articles_community ON articles(community_id, updated_at DESC, id DESC);
CREATE INDEX articles_review ON articles(community_id, review_by) WHERE review_by > 0;
CREATE INDEX articles_owner_due ON articles(owner_id, review_by) WHERE review_notified = 0 AND review_by > 0;

CREATE TABLE article_revisions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    rev INTEGER NOT NULL,
    author_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    title TEXT NOT NULL,
    tags TEXT NOT NULL DEFAULT '',
    body_md TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    UNIQUE (article_id, rev)
);

-- Slugs an article answered to before a rename; they redirect to its current slug.
CREATE TABLE article_slugs (
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    slug TEXT NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (community_id, slug)
);

-- [[wiki links]] of an article's current text, by the slug of the target title.
CREATE TABLE article_links (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    to_slug TEXT NOT NULL,
    PRIMARY KEY (article_id, to_slug)
);
CREATE INDEX article_links_to ON article_links(community_id, to_slug);

-- Threads an article was made from (kind 'source') or links to in its text ('link').
CREATE TABLE article_threads (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    thread_id INTEGER NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('source', 'link')),
    PRIMARY KEY (article_id, thread_id, kind)
);
CREATE INDEX article_threads_thread ON article_threads(thread_id);

-- Readers' feedback: kind 'helped' (no note) or 'outdated' (optional note); one per kind.
CREATE TABLE article_feedback (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('helped', 'outdated')),
    note TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    PRIMARY KEY (article_id, user_id, kind)
);

-- Members a coordinator marked trusted to edit articles (article_editors = 'trusted').
CREATE TABLE article_trusted (
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (community_id, user_id)
);

-- In-app notifications (kept small and generic; the notifications feature extends it).
CREATE TABLE notifications (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    link TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    read_at INTEGER
);
CREATE INDEX notifications_user ON notifications(user_id, id DESC);
CREATE INDEX notifications_unread ON notifications(user_id) WHERE read_at IS NULL;
