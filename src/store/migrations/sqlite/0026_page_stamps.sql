-- Page change stamps (SQLite; same table and triggers as the pg one): a counter per scope that
-- the page cache (web/pagecache.c) compares with the one it saw before rendering a page, so
-- that a write invalidates only the pages that show what it changed. Kinds: 1 = anything
-- shown anywhere (instance-wide lists; id 0), 2 = people and settings shown on every page
-- (id 0), 3 = a community's content (its lists and pages; id = community), 4 = a community's
-- structure as thread pages show it (settings, tags, the set of its threads and their titles,
-- counts and states; id = community), 5 = one thread (its posts, comments, votes, links; id
-- = thread). Triggers keep them, so writes by any process count; bookkeeping tables
-- (sessions, jobs, notifications, live backlog, mail, rate limits, visits, reads, drafts,
-- webhooks, search, participation, expertise runs) have none and never invalidate a page.
-- A missing row reads as 0. A new table whose rows a cached page shows needs triggers here.
CREATE TABLE page_stamps (
    kind INTEGER NOT NULL,
    id INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (kind, id)
) WITHOUT ROWID;
CREATE TRIGGER ps_posts_ai AFTER INSERT ON posts
BEGIN
    INSERT INTO page_stamps (kind, id, n) SELECT 5, x, 1 FROM (SELECT NEW.thread_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT (SELECT community_id FROM threads WHERE id = NEW.thread_id) AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) VALUES (1, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_posts_ad AFTER DELETE ON posts
BEGIN
    INSERT INTO page_stamps (kind, id, n) SELECT 5, x, 1 FROM (SELECT OLD.thread_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT (SELECT community_id FROM threads WHERE id = OLD.thread_id) AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) VALUES (1, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_posts_au AFTER UPDATE ON posts
BEGIN
    INSERT INTO page_stamps (kind, id, n) SELECT 5, x, 1 FROM (SELECT NEW.thread_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT (SELECT community_id FROM threads WHERE id = NEW.thread_id) AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) VALUES (1, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_threads_ai AFTER INSERT ON threads
BEGIN
    INSERT INTO page_stamps (kind, id, n) SELECT 5, x, 1 FROM (SELECT NEW.id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT NEW.community_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 4, x, 1 FROM (SELECT NEW.community_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) VALUES (1, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_threads_ad AFTER DELETE ON threads
BEGIN
    INSERT INTO page_stamps (kind, id, n) SELECT 5, x, 1 FROM (SELECT OLD.id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT OLD.community_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 4, x, 1 FROM (SELECT OLD.community_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) VALUES (1, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_threads_au AFTER UPDATE ON threads
BEGIN
    INSERT INTO page_stamps (kind, id, n) SELECT 5, x, 1 FROM (SELECT NEW.id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT OLD.community_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT NEW.community_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) VALUES (1, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_threads_au_list AFTER UPDATE ON threads
    WHEN OLD.title IS NOT NEW.title OR OLD.tags IS NOT NEW.tags OR OLD.kind IS NOT NEW.kind OR OLD.deleted_at IS NOT NEW.deleted_at OR OLD.held_at IS NOT NEW.held_at OR OLD.community_id IS NOT NEW.community_id OR OLD.closed_at IS NOT NEW.closed_at OR OLD.accepted_post_id IS NOT NEW.accepted_post_id OR OLD.locked IS NOT NEW.locked OR OLD.pinned IS NOT NEW.pinned
BEGIN
    INSERT INTO page_stamps (kind, id, n) SELECT 4, x, 1 FROM (SELECT OLD.community_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 4, x, 1 FROM (SELECT NEW.community_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_comments_ai AFTER INSERT ON comments
BEGIN
    INSERT INTO page_stamps (kind, id, n) SELECT 5, x, 1 FROM (SELECT (SELECT thread_id FROM posts WHERE id = NEW.post_id) AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT (SELECT t.community_id FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.id = NEW.post_id) AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) VALUES (1, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_comments_ad AFTER DELETE ON comments
BEGIN
    INSERT INTO page_stamps (kind, id, n) SELECT 5, x, 1 FROM (SELECT (SELECT thread_id FROM posts WHERE id = OLD.post_id) AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT (SELECT t.community_id FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.id = OLD.post_id) AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) VALUES (1, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_comments_au AFTER UPDATE ON comments
BEGIN
    INSERT INTO page_stamps (kind, id, n) SELECT 5, x, 1 FROM (SELECT (SELECT thread_id FROM posts WHERE id = NEW.post_id) AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT (SELECT t.community_id FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.id = NEW.post_id) AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) VALUES (1, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_thread_links_ai AFTER INSERT ON thread_links
BEGIN
    INSERT INTO page_stamps (kind, id, n) SELECT 5, x, 1 FROM (SELECT NEW.thread_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 5, x, 1 FROM (SELECT NEW.target_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT (SELECT community_id FROM threads WHERE id = NEW.thread_id) AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) VALUES (1, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_thread_links_ad AFTER DELETE ON thread_links
BEGIN
    INSERT INTO page_stamps (kind, id, n) SELECT 5, x, 1 FROM (SELECT OLD.thread_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 5, x, 1 FROM (SELECT OLD.target_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT (SELECT community_id FROM threads WHERE id = OLD.thread_id) AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) VALUES (1, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_thread_links_au AFTER UPDATE ON thread_links
BEGIN
    INSERT INTO page_stamps (kind, id, n) SELECT 5, x, 1 FROM (SELECT NEW.thread_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 5, x, 1 FROM (SELECT NEW.target_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT (SELECT community_id FROM threads WHERE id = NEW.thread_id) AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) VALUES (1, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 5, x, 1 FROM (SELECT OLD.thread_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 5, x, 1 FROM (SELECT OLD.target_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT (SELECT community_id FROM threads WHERE id = OLD.thread_id) AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_article_threads_ai AFTER INSERT ON article_threads
BEGIN
    INSERT INTO page_stamps (kind, id, n) SELECT 5, x, 1 FROM (SELECT NEW.thread_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT (SELECT community_id FROM articles WHERE id = NEW.article_id) AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) VALUES (1, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_article_threads_ad AFTER DELETE ON article_threads
BEGIN
    INSERT INTO page_stamps (kind, id, n) SELECT 5, x, 1 FROM (SELECT OLD.thread_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT (SELECT community_id FROM articles WHERE id = OLD.article_id) AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) VALUES (1, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_article_threads_au AFTER UPDATE ON article_threads
BEGIN
    INSERT INTO page_stamps (kind, id, n) SELECT 5, x, 1 FROM (SELECT NEW.thread_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT (SELECT community_id FROM articles WHERE id = NEW.article_id) AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) VALUES (1, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 5, x, 1 FROM (SELECT OLD.thread_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT (SELECT community_id FROM articles WHERE id = OLD.article_id) AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_communities_ai AFTER INSERT ON communities
BEGIN
    INSERT INTO page_stamps (kind, id, n) VALUES (1, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_communities_ad AFTER DELETE ON communities
BEGIN
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT OLD.id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 4, x, 1 FROM (SELECT OLD.id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) VALUES (1, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_communities_au AFTER UPDATE ON communities
BEGIN
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT NEW.id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 4, x, 1 FROM (SELECT NEW.id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) VALUES (1, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_community_tags_ai AFTER INSERT ON community_tags
BEGIN
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT NEW.community_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 4, x, 1 FROM (SELECT NEW.community_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) VALUES (1, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_community_tags_ad AFTER DELETE ON community_tags
BEGIN
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT OLD.community_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 4, x, 1 FROM (SELECT OLD.community_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) VALUES (1, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_community_tags_au AFTER UPDATE ON community_tags
BEGIN
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT NEW.community_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 4, x, 1 FROM (SELECT NEW.community_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) VALUES (1, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT OLD.community_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 4, x, 1 FROM (SELECT OLD.community_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_memberships_au AFTER UPDATE ON memberships
BEGIN
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT NEW.community_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 4, x, 1 FROM (SELECT NEW.community_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) VALUES (1, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_users_ai AFTER INSERT ON users
BEGIN
    INSERT INTO page_stamps (kind, id, n) VALUES (1, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_users_ad AFTER DELETE ON users
BEGIN
    INSERT INTO page_stamps (kind, id, n) VALUES (2, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_users_au AFTER UPDATE ON users
    WHEN OLD.name IS NOT NEW.name OR OLD.display_name IS NOT NEW.display_name OR OLD.status IS NOT NEW.status OR OLD.expertise_hidden IS NOT NEW.expertise_hidden
BEGIN
    INSERT INTO page_stamps (kind, id, n) VALUES (2, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_settings_ai AFTER INSERT ON settings
BEGIN
    INSERT INTO page_stamps (kind, id, n) VALUES (2, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_settings_ad AFTER DELETE ON settings
BEGIN
    INSERT INTO page_stamps (kind, id, n) VALUES (2, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_settings_au AFTER UPDATE ON settings
BEGIN
    INSERT INTO page_stamps (kind, id, n) VALUES (2, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_events_ai AFTER INSERT ON events
BEGIN
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT NEW.community_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) VALUES (1, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_events_ad AFTER DELETE ON events
BEGIN
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT OLD.community_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) VALUES (1, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_events_au AFTER UPDATE ON events
BEGIN
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT NEW.community_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) VALUES (1, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT OLD.community_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_event_overrides_ai AFTER INSERT ON event_overrides
BEGIN
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT (SELECT community_id FROM events WHERE id = NEW.event_id) AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) VALUES (1, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_event_overrides_ad AFTER DELETE ON event_overrides
BEGIN
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT (SELECT community_id FROM events WHERE id = OLD.event_id) AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) VALUES (1, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_event_overrides_au AFTER UPDATE ON event_overrides
BEGIN
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT (SELECT community_id FROM events WHERE id = NEW.event_id) AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) VALUES (1, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT (SELECT community_id FROM events WHERE id = OLD.event_id) AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_event_rsvps_ai AFTER INSERT ON event_rsvps
BEGIN
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT (SELECT community_id FROM events WHERE id = NEW.event_id) AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) VALUES (1, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_event_rsvps_ad AFTER DELETE ON event_rsvps
BEGIN
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT (SELECT community_id FROM events WHERE id = OLD.event_id) AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) VALUES (1, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_event_rsvps_au AFTER UPDATE ON event_rsvps
BEGIN
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT (SELECT community_id FROM events WHERE id = NEW.event_id) AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) VALUES (1, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT (SELECT community_id FROM events WHERE id = OLD.event_id) AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_articles_ai AFTER INSERT ON articles
BEGIN
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT NEW.community_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 4, x, 1 FROM (SELECT NEW.community_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) VALUES (1, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_articles_ad AFTER DELETE ON articles
BEGIN
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT OLD.community_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 4, x, 1 FROM (SELECT OLD.community_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) VALUES (1, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_articles_au AFTER UPDATE ON articles
BEGIN
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT NEW.community_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 4, x, 1 FROM (SELECT NEW.community_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) VALUES (1, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT OLD.community_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 4, x, 1 FROM (SELECT OLD.community_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_uploads_ai AFTER INSERT ON uploads
BEGIN
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT NEW.community_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) VALUES (1, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_uploads_ad AFTER DELETE ON uploads
BEGIN
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT OLD.community_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) VALUES (1, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_uploads_au AFTER UPDATE ON uploads
BEGIN
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT NEW.community_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) VALUES (1, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT OLD.community_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_tag_proposals_ai AFTER INSERT ON tag_proposals
BEGIN
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT NEW.community_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) VALUES (1, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_tag_proposals_ad AFTER DELETE ON tag_proposals
BEGIN
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT OLD.community_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) VALUES (1, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ps_tag_proposals_au AFTER UPDATE ON tag_proposals
BEGIN
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT NEW.community_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) VALUES (1, 0, 1)
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO page_stamps (kind, id, n) SELECT 3, x, 1 FROM (SELECT OLD.community_id AS x) WHERE x IS NOT NULL
        ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
