-- Imports from other platforms (Stack Exchange dumps; see docs/internals/import.md):
-- the mapping from (source, kind, external id) to local rows that makes a second run update
-- instead of duplicating, the attribution each imported post and comment keeps (CC BY-SA),
-- comments under posts, links between threads (duplicate / linked), a base score carried in
-- from the source that local votes add to, and one-time links to claim an imported account.

-- Imported votes are anonymous: their sum is kept here and the recount adds local votes.
ALTER TABLE posts ADD COLUMN base_score INTEGER NOT NULL DEFAULT 0;

CREATE TABLE import_map (
    source   TEXT NOT NULL,                 -- e.g. https://beer.stackexchange.com
    kind     TEXT NOT NULL,                 -- user, thread, post, rev, comment, link
    ext_id   INTEGER NOT NULL,
    local_id INTEGER NOT NULL,
    aux      INTEGER,                           -- questions: the accepted answer's external id
    PRIMARY KEY (source, kind, ext_id)
);
CREATE INDEX import_map_local ON import_map(kind, local_id);

-- Where an imported post or comment came from: shown under it.
CREATE TABLE import_attribution (
    kind        TEXT NOT NULL CHECK (kind IN ('post', 'comment', 'user')),
    local_id    INTEGER NOT NULL,
    source_url  TEXT NOT NULL,              -- the item on the original site
    author_name TEXT NOT NULL DEFAULT '',   -- as the source showed it
    author_url  TEXT NOT NULL DEFAULT '',   -- '' when the source account is gone
    license     TEXT NOT NULL DEFAULT '',   -- e.g. CC BY-SA 4.0
    PRIMARY KEY (kind, local_id)
);

-- Short remarks under a post: no votes, no revisions, Markdown rendered at write time.
CREATE TABLE comments (
    id INTEGER PRIMARY KEY,
    post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    author_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    body_md TEXT NOT NULL,
    body_html TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX comments_post ON comments(post_id, created_at);

CREATE TABLE thread_links (
    thread_id INTEGER NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
    target_id INTEGER NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('duplicate', 'linked')),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (thread_id, target_id, kind)
);
CREATE INDEX thread_links_target ON thread_links(target_id);

-- One-time links for the person behind an imported (unclaimed) account to set a password.
CREATE TABLE account_claims (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);
CREATE INDEX account_claims_user ON account_claims(user_id);
