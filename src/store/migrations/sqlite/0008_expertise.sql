-- Expertise (SQLite): members may hide their expertise profile, and an accepted answer
-- records when it was accepted, so rankings "as of" a past time (the evaluation) count an
-- acceptance only once it happened. NULL accepted_at (accepted before this migration, or
-- imported without a date) is read as the answer's own creation time. Same as pg/0008.

ALTER TABLE users ADD COLUMN expertise_hidden INTEGER NOT NULL DEFAULT 0;
ALTER TABLE threads ADD COLUMN accepted_at INTEGER;
CREATE INDEX votes_post_time ON votes(post_id, created_at);
-- Evidence reads answers by thread without touching their bodies (SQLite keeps the columns
-- after body_md/body_html in overflow pages): a covering index for store/expertise.c.
CREATE INDEX posts_evidence ON posts(thread_id, position, author_id, created_at, deleted_at,
                                     hidden_at, base_score);

-- "People who may be able to answer" an unanswered question, kept for an hour so that
-- viewing it does not rank the whole community each time. Stored with hidden and
-- suspended members included: reads drop them (and non-members of a private community)
-- with the settings of the moment, so hiding takes effect at once.
CREATE TABLE expertise_suggest_runs (
    thread_id BIGINT PRIMARY KEY REFERENCES threads(id) ON DELETE CASCADE,
    computed_at BIGINT NOT NULL
);
CREATE TABLE expertise_suggestions (
    thread_id BIGINT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
    pos INTEGER NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    answers INTEGER NOT NULL,
    accepted INTEGER NOT NULL,
    votes INTEGER NOT NULL,
    articles INTEGER NOT NULL,
    similar_count INTEGER NOT NULL,
    last_at BIGINT NOT NULL,
    PRIMARY KEY (thread_id, pos)
);
