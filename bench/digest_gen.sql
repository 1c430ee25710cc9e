-- bench/digest_gen.sql: a generated instance for bench/digest.sh (SQLite; not a test).
-- :N members (verified addresses, weekly digests, no visit for two weeks), 20 public and 4
-- private communities, each member in 2 public and 1 private community and watching one tag
-- elsewhere, 3,000 threads of the last 6 days (half questions, one tag of 30 each), 1,000
-- accepted answers spread over the members (their expertise), 2 events per community in two
-- days, 500 articles due for review. Run with: sqlite3 DB ".param set :N 10000" ".read FILE"
-- (:NOW is the time the sweep will run).
BEGIN;
WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 24)
INSERT INTO communities (id, slug, name, visibility, created_at, updated_at)
SELECT i, 'c' || i, 'Community ' || i, CASE WHEN i > 20 THEN 'private' ELSE 'public' END,
       :NOW - 90 * 86400, :NOW - 90 * 86400 FROM s;
WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < :N)
INSERT INTO users (id, name, name_key, display_name, created_at, updated_at, email, email_key,
                   email_verified_at)
SELECT i, 'm' || i, 'm' || i, 'Member ' || i, :NOW - 60 * 86400, :NOW - 60 * 86400,
       'm' || i || '@example.org', 'm' || i || '@example.org', :NOW - 60 * 86400 FROM s;
INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at)
SELECT 'h' || id, id, :NOW - 30 * 86400, :NOW - 14 * 86400, :NOW + 86400 FROM users;
INSERT INTO memberships (community_id, user_id, joined_at)
SELECT 1 + id % 20, id, :NOW - 60 * 86400 FROM users;
INSERT OR IGNORE INTO memberships (community_id, user_id, joined_at)
SELECT 1 + (id * 7 + 3) % 20, id, :NOW - 60 * 86400 FROM users;
INSERT INTO memberships (community_id, user_id, joined_at)
SELECT 21 + id % 4, id, :NOW - 60 * 86400 FROM users;
INSERT INTO follows (user_id, community_id, thread_id, tag, level, updated_at)
SELECT id, 1 + (id * 3 + 5) % 20, 0, 't' || (id % 30), 3, :NOW - 60 * 86400 FROM users;
-- 3,000 threads of the last 6 days, and 1,000 older solved questions for expertise.
WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 4000)
INSERT INTO threads (id, community_id, kind, title, tags, author_id, created_at,
                     last_activity_at, post_count, answer_count, score)
SELECT i, 1 + i % 24, CASE WHEN i % 2 = 0 OR i > 3000 THEN 'question' ELSE 'discussion' END,
       'Thread number ' || i || ' about t' || (i % 30), 't' || (i % 30), 1 + (i * 13) % :N,
       CASE WHEN i > 3000 THEN :NOW - 20 * 86400 ELSE :NOW - 6 * 86400 + i * 150 END,
       CASE WHEN i > 3000 THEN :NOW - 20 * 86400 ELSE :NOW - 6 * 86400 + i * 150 END,
       1, CASE WHEN i > 3000 OR i % 5 = 0 THEN 1 ELSE 0 END, i % 7 FROM s;
INSERT INTO thread_tags (thread_id, tag) SELECT id, tags FROM threads;
INSERT INTO posts (id, thread_id, position, author_id, body_md, body_html, created_at)
SELECT id, id, 1, author_id, 'Body', '<p>Body</p>', created_at FROM threads;
INSERT INTO posts (id, thread_id, position, author_id, body_md, body_html, created_at, score)
SELECT 100000 + id, id, 2, 1 + (id * 31) % :N, 'Answer', '<p>Answer</p>', created_at + 60, 1
FROM threads WHERE id > 3000;
UPDATE threads SET accepted_post_id = 100000 + id, accepted_at = created_at + 120 WHERE id > 3000;
WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 48)
INSERT INTO events (id, community_id, title, tz, start_local, duration, start_at, last_end_at,
                    created_at, updated_at)
SELECT i, 1 + i % 24, 'Meetup ' || i, 'UTC', :NOW + 2 * 86400 + i * 600, 3600,
       :NOW + 2 * 86400 + i * 600, :NOW + 2 * 86400 + i * 600 + 3600, :NOW - 86400,
       :NOW - 86400 FROM s;
WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 500)
INSERT INTO articles (id, community_id, slug, title, status, owner_id, review_by, created_at,
                      updated_at)
SELECT i, 1 + i % 24, 'a' || i, 'Article ' || i, 'published', 1 + (i * 17) % :N,
       :NOW - 86400, :NOW - 200 * 86400, :NOW - 200 * 86400 FROM s;
COMMIT;
