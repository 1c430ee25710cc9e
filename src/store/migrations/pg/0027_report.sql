-- 0027 report: summaries behind community health reports (docs/health.md); the same tables
-- and rules as sqlite/0027 (read its comments), with the recounts as plpgsql functions.

CREATE TABLE report_questions (
    thread_id BIGINT PRIMARY KEY REFERENCES threads(id) ON DELETE CASCADE,
    community_id BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    asker_id BIGINT,
    first_answer_at BIGINT,
    solved INTEGER NOT NULL DEFAULT 0,
    accepted_author_id BIGINT
);
CREATE INDEX report_questions_range ON report_questions(community_id, created_at);

CREATE TABLE report_posters (
    community_id BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    first_at BIGINT NOT NULL,
    second_at BIGINT,
    PRIMARY KEY (community_id, user_id)
);
CREATE INDEX report_posters_first ON report_posters(community_id, first_at);

-- Dormant experts need who-knows rankings, too slow to compute on every report of a large
-- community: the top 5 of who-knows for the community's busiest tags are stored with each
-- member's last activity when a report finds them missing or older than a day
-- (REPORT_DORMANT_TTL), and "dormant" (no activity for 90 days) is decided when read.
CREATE TABLE report_dormant_runs (
    community_id BIGINT PRIMARY KEY REFERENCES communities(id) ON DELETE CASCADE,
    computed_at BIGINT NOT NULL
);
CREATE TABLE report_dormant (
    community_id BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    rank INTEGER NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    last_activity BIGINT NOT NULL,
    PRIMARY KEY (community_id, tag, rank)
);

-- The row of thread tid, recomputed (the statement report_rebuild runs per community).
CREATE FUNCTION report_question_refresh(tid BIGINT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM report_questions WHERE thread_id = tid;
    INSERT INTO report_questions (thread_id, community_id, created_at, asker_id, first_answer_at, solved, accepted_author_id)
    SELECT t.id, t.community_id, t.created_at, t.author_id,
           (SELECT min(p.created_at) FROM posts p WHERE p.thread_id = t.id AND p.position > 1
              AND p.deleted_at IS NULL
              AND (t.author_id IS NULL OR p.author_id IS NULL OR p.author_id <> t.author_id)),
           CASE WHEN a.id IS NULL THEN 0 ELSE 1 END, a.author_id
    FROM threads t LEFT JOIN posts a ON a.id = t.accepted_post_id AND a.thread_id = t.id
         AND a.position > 1 AND a.deleted_at IS NULL
    WHERE t.id = tid AND t.kind = 'question' AND t.deleted_at IS NULL;
END $$;

-- Member uid's first and second live posts in community cid, recomputed.
CREATE FUNCTION report_poster_refresh(cid BIGINT, uid BIGINT) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    f BIGINT;
BEGIN
    IF cid IS NULL OR uid IS NULL THEN
        RETURN;
    END IF;
    DELETE FROM report_posters WHERE community_id = cid AND user_id = uid;
    SELECT min(p.created_at) INTO f FROM posts p JOIN threads t ON t.id = p.thread_id
    WHERE p.author_id = uid AND t.community_id = cid AND p.deleted_at IS NULL AND t.deleted_at IS NULL;
    IF f IS NULL OR NOT EXISTS (SELECT 1 FROM users WHERE id = uid) THEN
        RETURN;
    END IF;
    INSERT INTO report_posters (community_id, user_id, first_at, second_at)
    VALUES (cid, uid, f,
            (SELECT p.created_at FROM posts p JOIN threads t ON t.id = p.thread_id
             WHERE p.author_id = uid AND t.community_id = cid AND p.deleted_at IS NULL
               AND t.deleted_at IS NULL ORDER BY p.created_at, p.id LIMIT 1 OFFSET 1));
END $$;

CREATE FUNCTION report_threads_sync() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    u BIGINT;
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM report_question_refresh(NEW.id);
        RETURN NULL;
    END IF;
    IF NEW.kind IS DISTINCT FROM OLD.kind OR NEW.deleted_at IS DISTINCT FROM OLD.deleted_at
       OR NEW.community_id IS DISTINCT FROM OLD.community_id
       OR NEW.created_at IS DISTINCT FROM OLD.created_at
       OR NEW.author_id IS DISTINCT FROM OLD.author_id
       OR NEW.accepted_post_id IS DISTINCT FROM OLD.accepted_post_id THEN
        PERFORM report_question_refresh(NEW.id);
    END IF;
    IF NEW.deleted_at IS DISTINCT FROM OLD.deleted_at
       OR NEW.community_id IS DISTINCT FROM OLD.community_id THEN
        FOR u IN SELECT DISTINCT author_id FROM posts WHERE thread_id = NEW.id AND author_id IS NOT NULL LOOP
            PERFORM report_poster_refresh(OLD.community_id, u);
            IF NEW.community_id <> OLD.community_id THEN
                PERFORM report_poster_refresh(NEW.community_id, u);
            END IF;
        END LOOP;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER report_threads_ai AFTER INSERT ON threads
    FOR EACH ROW EXECUTE FUNCTION report_threads_sync();
CREATE TRIGGER report_threads_au AFTER UPDATE OF kind, deleted_at, community_id, created_at, author_id, accepted_post_id ON threads
    FOR EACH ROW EXECUTE FUNCTION report_threads_sync();

-- A new post later than a member's known second post changes nothing, so the importer's
-- chronological inserts skip the recount.
CREATE FUNCTION report_posts_sync() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    cid BIGINT;
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.position > 1 THEN
            PERFORM report_question_refresh(NEW.thread_id);
        END IF;
        IF NEW.author_id IS NOT NULL THEN
            SELECT community_id INTO cid FROM threads WHERE id = NEW.thread_id;
            IF NOT EXISTS (SELECT 1 FROM report_posters WHERE community_id = cid
                           AND user_id = NEW.author_id AND second_at <= NEW.created_at) THEN
                PERFORM report_poster_refresh(cid, NEW.author_id);
            END IF;
        END IF;
        RETURN NULL;
    END IF;
    IF NEW.deleted_at IS DISTINCT FROM OLD.deleted_at OR NEW.author_id IS DISTINCT FROM OLD.author_id
       OR NEW.created_at IS DISTINCT FROM OLD.created_at OR NEW.position IS DISTINCT FROM OLD.position
       OR NEW.thread_id IS DISTINCT FROM OLD.thread_id THEN
        PERFORM report_question_refresh(OLD.thread_id);
        IF NEW.thread_id <> OLD.thread_id THEN
            PERFORM report_question_refresh(NEW.thread_id);
        END IF;
        PERFORM report_poster_refresh((SELECT community_id FROM threads WHERE id = OLD.thread_id), OLD.author_id);
        PERFORM report_poster_refresh((SELECT community_id FROM threads WHERE id = NEW.thread_id), NEW.author_id);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER report_posts_ai AFTER INSERT ON posts
    FOR EACH ROW EXECUTE FUNCTION report_posts_sync();
CREATE TRIGGER report_posts_au AFTER UPDATE OF deleted_at, author_id, created_at, position, thread_id ON posts
    FOR EACH ROW EXECUTE FUNCTION report_posts_sync();

-- What exists already.
INSERT INTO report_questions (thread_id, community_id, created_at, asker_id, first_answer_at, solved, accepted_author_id)
SELECT t.id, t.community_id, t.created_at, t.author_id,
       (SELECT min(p.created_at) FROM posts p WHERE p.thread_id = t.id AND p.position > 1
          AND p.deleted_at IS NULL
          AND (t.author_id IS NULL OR p.author_id IS NULL OR p.author_id <> t.author_id)),
       CASE WHEN a.id IS NULL THEN 0 ELSE 1 END, a.author_id
FROM threads t LEFT JOIN posts a ON a.id = t.accepted_post_id AND a.thread_id = t.id
     AND a.position > 1 AND a.deleted_at IS NULL
WHERE t.kind = 'question' AND t.deleted_at IS NULL;

INSERT INTO report_posters (community_id, user_id, first_at, second_at)
SELECT x.cid, x.uid, x.first_at,
       (SELECT p.created_at FROM posts p JOIN threads t ON t.id = p.thread_id
        WHERE p.author_id = x.uid AND t.community_id = x.cid AND p.deleted_at IS NULL
          AND t.deleted_at IS NULL ORDER BY p.created_at, p.id LIMIT 1 OFFSET 1)
FROM (SELECT t.community_id AS cid, p.author_id AS uid, min(p.created_at) AS first_at
      FROM posts p JOIN threads t ON t.id = p.thread_id
      WHERE p.author_id IS NOT NULL AND p.deleted_at IS NULL AND t.deleted_at IS NULL
      GROUP BY t.community_id, p.author_id) x;
