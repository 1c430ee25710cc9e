-- Expertise (SQLite): members may hide their expertise profile, and an accepted answer
-- records when it was accepted, so rankings "as of" a past time (the evaluation) count an
-- acceptance only once it happened. NULL accepted_at (accepted before this migration, or
-- imported without a date) is read as the answer's own creation time. Same as pg/0007.

ALTER TABLE users ADD COLUMN expertise_hidden INTEGER NOT NULL DEFAULT 0;
ALTER TABLE threads ADD COLUMN accepted_at INTEGER;
CREATE INDEX votes_post_time ON votes(post_id, created_at);
-- Evidence reads answers by thread without touching their bodies (SQLite keeps the columns
-- after body_md/body_html in overflow pages): a covering index for store/expertise.c.
CREATE INDEX posts_evidence ON posts(thread_id, position, author_id, created_at, deleted_at,
                                     hidden_at, base_score);
