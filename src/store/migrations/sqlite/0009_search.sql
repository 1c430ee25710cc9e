-- Full-text search (SQLite): one index over every kind of searchable thing, kept in sync by
-- triggers so every writer (web, API, CLI, importer, restore) updates it in the same
-- transaction as the write. See docs/internals/search.md.
--
-- search_docs holds one row per searchable document: kind ('thread' = a thread's opening
-- post with the thread's title, 'post' = a reply, 'member', 'event'; a new kind such as
-- 'article' is one more set of triggers writing rows of its kind), the id it refers to, and
-- the community and author used by filters and visibility. search_fts is an FTS5 index over
-- its title and body (external content: the text is stored once, in search_docs).
-- Hidden or deleted posts and deleted threads have no row, so they cannot be found.
CREATE TABLE search_docs (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,           -- thread | post | member | event (| article)
    ref_id INTEGER NOT NULL,      -- posts.id (thread, post), users.id, events.id
    thread_id INTEGER,            -- thread and post docs
    community_id INTEGER,         -- NULL for members
    author_id INTEGER,            -- users.id, NULL if gone
    title TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,  -- events: start time
    UNIQUE (kind, ref_id)
);
CREATE INDEX search_docs_thread ON search_docs(thread_id);
CREATE INDEX search_docs_author ON search_docs(author_id);
CREATE INDEX search_docs_community ON search_docs(community_id);
CREATE INDEX search_docs_created ON search_docs(created_at);

CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='search_docs',
    content_rowid='id', tokenize='porter unicode61 remove_diacritics 2');
-- "ORDER BY rank" is bm25 with a title hit worth ten body hits. Ordering by rank (rather
-- than by an expression) lets FTS5 sort inside the virtual table, so SQLite streams rows in
-- rank order and computes snippets only for the rows of the page it returns.
INSERT INTO search_fts(search_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)');

CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN
    INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN
    INSERT INTO search_fts(search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER search_docs_au AFTER UPDATE OF title, body ON search_docs BEGIN
    INSERT INTO search_fts(search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;

-- Posts: the opening post is the thread's document (with its title), later ones replies.
CREATE TRIGGER search_posts_ai AFTER INSERT ON posts
WHEN new.hidden_at IS NULL AND new.deleted_at IS NULL BEGIN
    INSERT INTO search_docs (kind, ref_id, thread_id, community_id, author_id, title, body, created_at)
    SELECT CASE WHEN new.position = 1 THEN 'thread' ELSE 'post' END, new.id, t.id,
           t.community_id, new.author_id, CASE WHEN new.position = 1 THEN t.title ELSE '' END,
           new.body_md, new.created_at
    FROM threads t WHERE t.id = new.thread_id AND t.deleted_at IS NULL;
END;
CREATE TRIGGER search_posts_au AFTER UPDATE OF body_md, hidden_at, deleted_at ON posts BEGIN
    DELETE FROM search_docs WHERE kind IN ('thread', 'post') AND ref_id = old.id;
    INSERT INTO search_docs (kind, ref_id, thread_id, community_id, author_id, title, body, created_at)
    SELECT CASE WHEN new.position = 1 THEN 'thread' ELSE 'post' END, new.id, t.id,
           t.community_id, new.author_id, CASE WHEN new.position = 1 THEN t.title ELSE '' END,
           new.body_md, new.created_at
    FROM threads t WHERE t.id = new.thread_id AND t.deleted_at IS NULL
      AND new.hidden_at IS NULL AND new.deleted_at IS NULL;
END;
CREATE TRIGGER search_posts_ad AFTER DELETE ON posts BEGIN
    DELETE FROM search_docs WHERE kind IN ('thread', 'post') AND ref_id = old.id;
END;

-- Threads: title, moves between communities, deletion and restoration.
CREATE TRIGGER search_threads_title AFTER UPDATE OF title ON threads BEGIN
    UPDATE search_docs SET title = new.title WHERE thread_id = new.id AND kind = 'thread';
END;
CREATE TRIGGER search_threads_move AFTER UPDATE OF community_id ON threads BEGIN
    UPDATE search_docs SET community_id = new.community_id WHERE thread_id = new.id;
END;
CREATE TRIGGER search_threads_deleted AFTER UPDATE OF deleted_at ON threads
WHEN (old.deleted_at IS NULL) <> (new.deleted_at IS NULL) BEGIN
    DELETE FROM search_docs WHERE thread_id = new.id AND kind IN ('thread', 'post');
    INSERT INTO search_docs (kind, ref_id, thread_id, community_id, author_id, title, body, created_at)
    SELECT CASE WHEN p.position = 1 THEN 'thread' ELSE 'post' END, p.id, new.id,
           new.community_id, p.author_id, CASE WHEN p.position = 1 THEN new.title ELSE '' END,
           p.body_md, p.created_at
    FROM posts p WHERE p.thread_id = new.id AND new.deleted_at IS NULL
      AND p.hidden_at IS NULL AND p.deleted_at IS NULL;
END;
CREATE TRIGGER search_threads_ad AFTER DELETE ON threads BEGIN
    DELETE FROM search_docs WHERE thread_id = old.id AND kind IN ('thread', 'post');
END;

-- Members: display name and @name as the title, the bio as the body.
CREATE TRIGGER search_users_ai AFTER INSERT ON users BEGIN
    INSERT INTO search_docs (kind, ref_id, author_id, title, body, created_at)
    VALUES ('member', new.id, new.id, new.display_name || ' @' || new.name, new.bio_md, new.created_at);
END;
CREATE TRIGGER search_users_au AFTER UPDATE OF name, display_name, bio_md ON users BEGIN
    UPDATE search_docs SET title = new.display_name || ' @' || new.name, body = new.bio_md
    WHERE kind = 'member' AND ref_id = new.id;
END;
CREATE TRIGGER search_users_ad AFTER DELETE ON users BEGIN
    DELETE FROM search_docs WHERE kind = 'member' AND ref_id = old.id;
    UPDATE search_docs SET author_id = NULL WHERE author_id = old.id;
END;

-- Events: title, description and place; dated by their (first) start.
CREATE TRIGGER search_events_ai AFTER INSERT ON events BEGIN
    INSERT INTO search_docs (kind, ref_id, community_id, author_id, title, body, created_at)
    VALUES ('event', new.id, new.community_id, new.created_by, new.title,
            new.description_md || ' ' || new.location, new.start_at);
END;
CREATE TRIGGER search_events_au AFTER UPDATE OF title, description_md, location, start_at, community_id ON events BEGIN
    UPDATE search_docs SET title = new.title, body = new.description_md || ' ' || new.location,
        created_at = new.start_at, community_id = new.community_id
    WHERE kind = 'event' AND ref_id = new.id;
END;
CREATE TRIGGER search_events_ad AFTER DELETE ON events BEGIN
    DELETE FROM search_docs WHERE kind = 'event' AND ref_id = old.id;
END;

CREATE TRIGGER search_communities_ad AFTER DELETE ON communities BEGIN
    DELETE FROM search_docs WHERE community_id = old.id;
END;

-- Searches that found nothing, for a knowledge-gap report: one row per normalised query per
-- community (0 = across the instance).
CREATE TABLE search_misses (
    community_id INTEGER NOT NULL,
    query TEXT NOT NULL,
    count INTEGER NOT NULL DEFAULT 1,
    last_at INTEGER NOT NULL,
    PRIMARY KEY (community_id, query)
);
CREATE INDEX search_misses_last ON search_misses(community_id, last_at DESC);

-- Index what exists already (the same statements as `praxis reindex`).
INSERT INTO search_docs (kind, ref_id, thread_id, community_id, author_id, title, body, created_at)
SELECT CASE WHEN p.position = 1 THEN 'thread' ELSE 'post' END, p.id, t.id, t.community_id,
       p.author_id, CASE WHEN p.position = 1 THEN t.title ELSE '' END, p.body_md, p.created_at
FROM posts p JOIN threads t ON t.id = p.thread_id
WHERE t.deleted_at IS NULL AND p.hidden_at IS NULL AND p.deleted_at IS NULL;
INSERT INTO search_docs (kind, ref_id, author_id, title, body, created_at)
SELECT 'member', id, id, display_name || ' @' || name, bio_md, created_at FROM users;
INSERT INTO search_docs (kind, ref_id, community_id, author_id, title, body, created_at)
SELECT 'event', id, community_id, created_by, title, description_md || ' ' || location, start_at
FROM events;
