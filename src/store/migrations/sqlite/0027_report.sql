-- 0027 report: summaries behind community health reports (docs/health.md), kept by
-- triggers in the same transaction as every write (web, API, CLI, importer), so a report
-- over a community of 100,000 questions reads two small tables instead of every post.
-- Each summary row is a pure function of the rows it summarises: a trigger recomputes the
-- whole row of the thread (or member) a write touched, with the same statement that
-- `report_rebuild` runs for a whole community, so incremental and from-scratch agree.
--
-- report_questions: one row per live question thread: its asker, creation time, the time
-- of its first live answer by someone other than the asker (an unknown author is never the
-- asker), whether it has a live accepted answer and that answer's author.
-- report_posters: one row per (community, member) with a live post there: the times of
-- their first and second live posts (newcomer retention needs nothing more).
-- Same tables on both backends (pg/0027 uses plpgsql functions for the triggers).

CREATE TABLE report_questions (
    thread_id INTEGER PRIMARY KEY REFERENCES threads(id) ON DELETE CASCADE,
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    asker_id INTEGER,
    first_answer_at INTEGER,
    solved INTEGER NOT NULL DEFAULT 0,
    accepted_author_id INTEGER
);
CREATE INDEX report_questions_range ON report_questions(community_id, created_at);

CREATE TABLE report_posters (
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    first_at INTEGER NOT NULL,
    second_at INTEGER,
    PRIMARY KEY (community_id, user_id)
);
CREATE INDEX report_posters_first ON report_posters(community_id, first_at);

-- Dormant experts need who-knows rankings, too slow to compute on every report of a large
-- community: the top 5 of who-knows for the community's busiest tags are stored with each
-- member's last activity when a report finds them missing or older than a day
-- (REPORT_DORMANT_TTL), and "dormant" (no activity for 90 days) is decided when read.
CREATE TABLE report_dormant_runs (
    community_id INTEGER PRIMARY KEY REFERENCES communities(id) ON DELETE CASCADE,
    computed_at INTEGER NOT NULL
);
CREATE TABLE report_dormant (
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    rank INTEGER NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    last_activity INTEGER NOT NULL,
    PRIMARY KEY (community_id, tag, rank)
);

-- The row of one thread, recomputed (the statement report_rebuild runs per community).
CREATE TRIGGER report_threads_ai AFTER INSERT ON threads BEGIN
    INSERT INTO report_questions (thread_id, community_id, created_at, asker_id, first_answer_at, solved, accepted_author_id)
    SELECT t.id, t.community_id, t.created_at, t.author_id,
           (SELECT min(p.created_at) FROM posts p WHERE p.thread_id = t.id AND p.position > 1
              AND p.deleted_at IS NULL
              AND (t.author_id IS NULL OR p.author_id IS NULL OR p.author_id <> t.author_id)),
           CASE WHEN a.id IS NULL THEN 0 ELSE 1 END, a.author_id
    FROM threads t LEFT JOIN posts a ON a.id = t.accepted_post_id AND a.thread_id = t.id
         AND a.position > 1 AND a.deleted_at IS NULL
    WHERE t.id = new.id AND t.kind = 'question' AND t.deleted_at IS NULL;
END;

CREATE TRIGGER report_threads_au AFTER UPDATE OF kind, deleted_at, community_id, created_at, author_id, accepted_post_id ON threads BEGIN
    DELETE FROM report_questions WHERE thread_id = new.id;
    INSERT INTO report_questions (thread_id, community_id, created_at, asker_id, first_answer_at, solved, accepted_author_id)
    SELECT t.id, t.community_id, t.created_at, t.author_id,
           (SELECT min(p.created_at) FROM posts p WHERE p.thread_id = t.id AND p.position > 1
              AND p.deleted_at IS NULL
              AND (t.author_id IS NULL OR p.author_id IS NULL OR p.author_id <> t.author_id)),
           CASE WHEN a.id IS NULL THEN 0 ELSE 1 END, a.author_id
    FROM threads t LEFT JOIN posts a ON a.id = t.accepted_post_id AND a.thread_id = t.id
         AND a.position > 1 AND a.deleted_at IS NULL
    WHERE t.id = new.id AND t.kind = 'question' AND t.deleted_at IS NULL;
END;

CREATE TRIGGER report_posts_ai AFTER INSERT ON posts WHEN new.position > 1 BEGIN
    DELETE FROM report_questions WHERE thread_id = new.thread_id;
    INSERT INTO report_questions (thread_id, community_id, created_at, asker_id, first_answer_at, solved, accepted_author_id)
    SELECT t.id, t.community_id, t.created_at, t.author_id,
           (SELECT min(p.created_at) FROM posts p WHERE p.thread_id = t.id AND p.position > 1
              AND p.deleted_at IS NULL
              AND (t.author_id IS NULL OR p.author_id IS NULL OR p.author_id <> t.author_id)),
           CASE WHEN a.id IS NULL THEN 0 ELSE 1 END, a.author_id
    FROM threads t LEFT JOIN posts a ON a.id = t.accepted_post_id AND a.thread_id = t.id
         AND a.position > 1 AND a.deleted_at IS NULL
    WHERE t.id = new.thread_id AND t.kind = 'question' AND t.deleted_at IS NULL;
END;

CREATE TRIGGER report_posts_au AFTER UPDATE OF deleted_at, author_id, created_at, position, thread_id ON posts BEGIN
    DELETE FROM report_questions WHERE thread_id IN (old.thread_id, new.thread_id);
    INSERT INTO report_questions (thread_id, community_id, created_at, asker_id, first_answer_at, solved, accepted_author_id)
    SELECT t.id, t.community_id, t.created_at, t.author_id,
           (SELECT min(p.created_at) FROM posts p WHERE p.thread_id = t.id AND p.position > 1
              AND p.deleted_at IS NULL
              AND (t.author_id IS NULL OR p.author_id IS NULL OR p.author_id <> t.author_id)),
           CASE WHEN a.id IS NULL THEN 0 ELSE 1 END, a.author_id
    FROM threads t LEFT JOIN posts a ON a.id = t.accepted_post_id AND a.thread_id = t.id
         AND a.position > 1 AND a.deleted_at IS NULL
    WHERE t.id IN (old.thread_id, new.thread_id) AND t.kind = 'question' AND t.deleted_at IS NULL;
END;

-- A member's first and second live posts in a community, recomputed for the (community,
-- member) pairs a write touched. A new post later than a member's known second post
-- changes nothing, so the importer's chronological inserts skip the recount.
CREATE TRIGGER report_posters_ai AFTER INSERT ON posts
WHEN new.author_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM report_posters rp JOIN threads t ON t.id = new.thread_id
    WHERE rp.community_id = t.community_id AND rp.user_id = new.author_id
      AND rp.second_at <= new.created_at) BEGIN
    DELETE FROM report_posters WHERE user_id = new.author_id
        AND community_id = (SELECT community_id FROM threads WHERE id = new.thread_id);
    INSERT INTO report_posters (community_id, user_id, first_at, second_at)
    SELECT x.cid, x.uid, x.first_at,
           (SELECT p.created_at FROM posts p JOIN threads t ON t.id = p.thread_id
            WHERE p.author_id = x.uid AND t.community_id = x.cid AND p.deleted_at IS NULL
              AND t.deleted_at IS NULL ORDER BY p.created_at, p.id LIMIT 1 OFFSET 1)
    FROM (SELECT c.cid, c.uid,
                 (SELECT min(p.created_at) FROM posts p JOIN threads t ON t.id = p.thread_id
                  WHERE p.author_id = c.uid AND t.community_id = c.cid AND p.deleted_at IS NULL
                    AND t.deleted_at IS NULL) AS first_at
          FROM (SELECT community_id AS cid, new.author_id AS uid FROM threads WHERE id = new.thread_id) c) x
    WHERE x.first_at IS NOT NULL AND EXISTS (SELECT 1 FROM users WHERE id = x.uid);
END;

CREATE TRIGGER report_posters_au AFTER UPDATE OF deleted_at, author_id, created_at, thread_id ON posts BEGIN
    DELETE FROM report_posters WHERE (user_id = old.author_id
        AND community_id = (SELECT community_id FROM threads WHERE id = old.thread_id))
        OR (user_id = new.author_id
        AND community_id = (SELECT community_id FROM threads WHERE id = new.thread_id));
    INSERT INTO report_posters (community_id, user_id, first_at, second_at)
    SELECT x.cid, x.uid, x.first_at,
           (SELECT p.created_at FROM posts p JOIN threads t ON t.id = p.thread_id
            WHERE p.author_id = x.uid AND t.community_id = x.cid AND p.deleted_at IS NULL
              AND t.deleted_at IS NULL ORDER BY p.created_at, p.id LIMIT 1 OFFSET 1)
    FROM (SELECT c.cid, c.uid,
                 (SELECT min(p.created_at) FROM posts p JOIN threads t ON t.id = p.thread_id
                  WHERE p.author_id = c.uid AND t.community_id = c.cid AND p.deleted_at IS NULL
                    AND t.deleted_at IS NULL) AS first_at
          FROM (SELECT community_id AS cid, old.author_id AS uid FROM threads WHERE id = old.thread_id
                UNION SELECT community_id, new.author_id FROM threads WHERE id = new.thread_id) c
          WHERE c.uid IS NOT NULL) x
    WHERE x.first_at IS NOT NULL AND EXISTS (SELECT 1 FROM users WHERE id = x.uid);
END;

CREATE TRIGGER report_threads_posters_au AFTER UPDATE OF deleted_at, community_id ON threads BEGIN
    DELETE FROM report_posters WHERE community_id IN (old.community_id, new.community_id)
        AND user_id IN (SELECT author_id FROM posts WHERE thread_id = new.id);
    INSERT INTO report_posters (community_id, user_id, first_at, second_at)
    SELECT x.cid, x.uid, x.first_at,
           (SELECT p.created_at FROM posts p JOIN threads t ON t.id = p.thread_id
            WHERE p.author_id = x.uid AND t.community_id = x.cid AND p.deleted_at IS NULL
              AND t.deleted_at IS NULL ORDER BY p.created_at, p.id LIMIT 1 OFFSET 1)
    FROM (SELECT c.cid, u.uid,
                 (SELECT min(p.created_at) FROM posts p JOIN threads t ON t.id = p.thread_id
                  WHERE p.author_id = u.uid AND t.community_id = c.cid AND p.deleted_at IS NULL
                    AND t.deleted_at IS NULL) AS first_at
          FROM (SELECT DISTINCT author_id AS uid FROM posts
                WHERE thread_id = new.id AND author_id IS NOT NULL) u,
               (SELECT old.community_id AS cid UNION SELECT new.community_id) c) x
    WHERE x.first_at IS NOT NULL AND EXISTS (SELECT 1 FROM users WHERE id = x.uid);
END;

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
