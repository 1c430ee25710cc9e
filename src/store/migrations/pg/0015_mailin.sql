-- 0015 mail-in (PostgreSQL): the Message-IDs `praxis mail-in` has handled, so a message an MTA
-- delivers twice is posted once. See docs/internals/mailin.md. Same table as sqlite/0015.

CREATE TABLE mailin_seen (
    message_id  TEXT PRIMARY KEY,      -- as in the header, without <>
    received_at BIGINT NOT NULL,       -- UTC seconds of the first delivery
    outcome     TEXT NOT NULL DEFAULT 'claimed', -- claimed | posted | refused | dropped
    post_id     BIGINT                 -- the reply posted, when outcome = posted
);
