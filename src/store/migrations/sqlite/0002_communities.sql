-- Communities (the domain): a community with its charter and tag vocabulary, the memberships
-- that give people roles in it, and invitation links for private communities.
-- Times are UTC seconds, booleans are 0/1 integers.

CREATE TABLE communities (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    charter_md TEXT NOT NULL DEFAULT '',
    charter_html TEXT NOT NULL DEFAULT '',
    visibility TEXT NOT NULL DEFAULT 'public'
        CHECK (visibility IN ('public', 'members', 'private')),
    archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX communities_visibility ON communities(visibility);

CREATE TABLE community_tags (
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (community_id, tag)
);

CREATE TABLE memberships (
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL DEFAULT 'member'
        CHECK (role IN ('coordinator', 'moderator', 'member')),
    joined_at INTEGER NOT NULL,
    PRIMARY KEY (community_id, user_id)
);
CREATE INDEX memberships_user ON memberships(user_id);

CREATE TABLE community_invites (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    max_uses INTEGER NOT NULL DEFAULT 0,
    uses INTEGER NOT NULL DEFAULT 0,
    revoked_at INTEGER
);
CREATE INDEX community_invites_community ON community_invites(community_id);
