-- 0019 uploads (SQLite): one row per uploaded file. id is 32 random lower-case hex
-- digits, the file's name on disk (in the upload directory: ID, and ID.display for an
-- image's bounded-size version) and in its URL /uploads/ID/NAME; name is a safe display
-- name made from what the member sent (never used as a path). community_id is the community
-- of the composer it was uploaded from (NULL: none): a private community's uploads are served
-- to its members only. content_type is the served Content-Type, decided from the content; size and
-- sha256 describe the stored bytes. See docs/internals/uploads.md. Same columns as pg/0019.

CREATE TABLE uploads (
    id TEXT PRIMARY KEY,
    user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    community_id INTEGER REFERENCES communities(id) ON DELETE SET NULL,
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    width INTEGER NOT NULL DEFAULT 0,
    height INTEGER NOT NULL DEFAULT 0,
    display_width INTEGER NOT NULL DEFAULT 0,
    display_height INTEGER NOT NULL DEFAULT 0,
    sha256 TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX uploads_user ON uploads(user_id, created_at);
