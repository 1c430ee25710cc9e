-- bench/health_gen.sql: a generated community for bench/health.sh (SQLite and PostgreSQL;
-- not a test). @Q@ questions over eight years (2017-2024) in community 'bench' (id 900),
-- @U@ members, two of 200 tags per question, 90% answered (first answer 0-72 h later),
-- every second question a second answer, a third of them accepted; 40 zero-result
-- searches and 50 articles due. The rows go in through the ordinary tables, so the
-- triggers of migration 0027 (and the search index's) run as on any write.
-- bench/health.sh replaces @Q@ and @U@ before running it.
INSERT INTO communities (id, slug, name, visibility, created_at, updated_at)
VALUES (900, 'bench', 'Bench community', 'public', 1483228800, 1483228800);
WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < @U@)
INSERT INTO users (id, name, name_key, display_name, created_at, updated_at)
SELECT 1000 + i, 'm' || i, 'm' || i, 'Member ' || i, 1483228800, 1483228800 FROM s;
INSERT INTO memberships (community_id, user_id, joined_at)
SELECT 900, id, 1483228800 FROM users WHERE id > 1000;
WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < @Q@)
INSERT INTO threads (id, community_id, kind, title, tags, author_id, created_at, last_activity_at)
SELECT 100000 + i, 900, 'question',
       'How to ' || CASE i % 7 WHEN 0 THEN 'brew' WHEN 1 THEN 'ferment' WHEN 2 THEN 'store'
       WHEN 3 THEN 'bottle' WHEN 4 THEN 'age' WHEN 5 THEN 'serve' ELSE 'mash' END
       || ' ' || CASE i % 5 WHEN 0 THEN 'lager' WHEN 1 THEN 'stout' WHEN 2 THEN 'porter'
       WHEN 3 THEN 'pale ale' ELSE 'wheat beer' END || ' number ' || i,
       't' || (i % 200) || ' t' || ((i * 7 + 3) % 200), 1001 + (i * 13) % @U@,
       1483228800 + i * (252460800 / @Q@), 1483228800 + i * (252460800 / @Q@) FROM s;
INSERT INTO thread_tags (thread_id, tag) SELECT id, 't' || ((id - 100000) % 200) FROM threads WHERE community_id = 900;
INSERT INTO thread_tags (thread_id, tag) SELECT id, 't' || (((id - 100000) * 7 + 3) % 200) FROM threads
WHERE community_id = 900 AND (id - 100000) % 200 <> ((id - 100000) * 7 + 3) % 200;
INSERT INTO posts (thread_id, position, author_id, body_md, body_html, created_at)
SELECT id, 1, author_id, 'Body', '<p>Body</p>', created_at FROM threads WHERE community_id = 900;
INSERT INTO posts (thread_id, position, author_id, body_md, body_html, created_at)
SELECT id, 2, 1001 + ((id - 100000) * 31) % @U@, 'Answer', '<p>Answer</p>',
       created_at + ((id - 100000) * 7919) % 259200
FROM threads WHERE community_id = 900 AND (id - 100000) % 10 <> 0;
INSERT INTO posts (thread_id, position, author_id, body_md, body_html, created_at)
SELECT id, 3, 1001 + ((id - 100000) * 17) % @U@, 'Another', '<p>Another</p>',
       created_at + 300000
FROM threads WHERE community_id = 900 AND (id - 100000) % 2 = 0 AND (id - 100000) % 10 <> 0;
UPDATE threads SET accepted_post_id = (SELECT p.id FROM posts p WHERE p.thread_id = threads.id AND p.position = 2)
WHERE community_id = 900 AND (id - 100000) % 3 = 0 AND (id - 100000) % 10 <> 0;
WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 40)
INSERT INTO search_misses (community_id, query, count, last_at)
SELECT 900, 'missing topic ' || i, 1 + i % 9, 1700000000 + i FROM s;
WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 50)
INSERT INTO articles (community_id, slug, title, status, review_by, created_at, updated_at)
SELECT 900, 'a' || i, 'Article ' || i, 'published', 1700000000 + i * 86400, 1600000000, 1600000000 FROM s;
