-- 0019 uploads (PostgreSQL): one row per uploaded file. id is 32 random lower-case hex
-- digits, the file's name on disk (in the upload directory: ID, and ID.display for an
-- image's bounded-size version) and in its URL /uploads/ID/NAME; name is a safe display
-- name made from what the member sent (never used as a path). community_id is the community
-- of the composer it was uploaded from (NULL: none): a private community's uploads are served
-- to its members only. content_type is the served Content-Type, decided from the content; size and
-- sha256 describe the stored bytes. See docs/internals/uploads.md. Same columns as sqlite/0019.

CREATE TABLE uploads (
    id TEXT PRIMARY KEY,
    user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    community_id BIGINT REFERENCES communities(id) ON DELETE SET NULL,
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    width BIGINT NOT NULL DEFAULT 0,
    height BIGINT NOT NULL DEFAULT 0,
    display_width BIGINT NOT NULL DEFAULT 0,
    display_height BIGINT NOT NULL DEFAULT 0,
    sha256 TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX uploads_user ON uploads(user_id, created_at);
