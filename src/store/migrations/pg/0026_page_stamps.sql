-- Page change stamps (PostgreSQL; same table and triggers as the sqlite one): a counter per scope that
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
    id BIGINT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (kind, id)
);
-- One bump: the row for (kind, id) counts one more change. NULL ids (an upload outside any
-- community, a post already gone) bump nothing.
CREATE FUNCTION page_stamp_bump(k INTEGER, i BIGINT) RETURNS void LANGUAGE sql AS $$
    INSERT INTO page_stamps (kind, id, n) SELECT k, i, 1 WHERE i IS NOT NULL
    ON CONFLICT (kind, id) DO UPDATE SET n = page_stamps.n + 1
$$;
CREATE FUNCTION ps_posts_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(5, NEW.thread_id);
    PERFORM page_stamp_bump(3, (SELECT community_id FROM threads WHERE id = NEW.thread_id));
    PERFORM page_stamp_bump(1, 0);
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_posts_ai AFTER INSERT ON posts FOR EACH ROW
    EXECUTE FUNCTION ps_posts_ai();
CREATE FUNCTION ps_posts_ad() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(5, OLD.thread_id);
    PERFORM page_stamp_bump(3, (SELECT community_id FROM threads WHERE id = OLD.thread_id));
    PERFORM page_stamp_bump(1, 0);
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_posts_ad AFTER DELETE ON posts FOR EACH ROW
    EXECUTE FUNCTION ps_posts_ad();
CREATE FUNCTION ps_posts_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(5, NEW.thread_id);
    PERFORM page_stamp_bump(3, (SELECT community_id FROM threads WHERE id = NEW.thread_id));
    PERFORM page_stamp_bump(1, 0);
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_posts_au AFTER UPDATE ON posts FOR EACH ROW
    EXECUTE FUNCTION ps_posts_au();
CREATE FUNCTION ps_threads_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(5, NEW.id);
    PERFORM page_stamp_bump(3, NEW.community_id);
    PERFORM page_stamp_bump(4, NEW.community_id);
    PERFORM page_stamp_bump(1, 0);
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_threads_ai AFTER INSERT ON threads FOR EACH ROW
    EXECUTE FUNCTION ps_threads_ai();
CREATE FUNCTION ps_threads_ad() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(5, OLD.id);
    PERFORM page_stamp_bump(3, OLD.community_id);
    PERFORM page_stamp_bump(4, OLD.community_id);
    PERFORM page_stamp_bump(1, 0);
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_threads_ad AFTER DELETE ON threads FOR EACH ROW
    EXECUTE FUNCTION ps_threads_ad();
CREATE FUNCTION ps_threads_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(5, NEW.id);
    PERFORM page_stamp_bump(3, OLD.community_id);
    PERFORM page_stamp_bump(3, NEW.community_id);
    PERFORM page_stamp_bump(1, 0);
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_threads_au AFTER UPDATE ON threads FOR EACH ROW
    EXECUTE FUNCTION ps_threads_au();
CREATE FUNCTION ps_threads_au_list() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(4, OLD.community_id);
    PERFORM page_stamp_bump(4, NEW.community_id);
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_threads_au_list AFTER UPDATE ON threads FOR EACH ROW
    WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.tags IS DISTINCT FROM NEW.tags OR OLD.kind IS DISTINCT FROM NEW.kind OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at OR OLD.held_at IS DISTINCT FROM NEW.held_at OR OLD.community_id IS DISTINCT FROM NEW.community_id OR OLD.closed_at IS DISTINCT FROM NEW.closed_at OR OLD.accepted_post_id IS DISTINCT FROM NEW.accepted_post_id OR OLD.locked IS DISTINCT FROM NEW.locked OR OLD.pinned IS DISTINCT FROM NEW.pinned)
    EXECUTE FUNCTION ps_threads_au_list();
CREATE FUNCTION ps_comments_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(5, (SELECT thread_id FROM posts WHERE id = NEW.post_id));
    PERFORM page_stamp_bump(3, (SELECT t.community_id FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.id = NEW.post_id));
    PERFORM page_stamp_bump(1, 0);
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_comments_ai AFTER INSERT ON comments FOR EACH ROW
    EXECUTE FUNCTION ps_comments_ai();
CREATE FUNCTION ps_comments_ad() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(5, (SELECT thread_id FROM posts WHERE id = OLD.post_id));
    PERFORM page_stamp_bump(3, (SELECT t.community_id FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.id = OLD.post_id));
    PERFORM page_stamp_bump(1, 0);
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_comments_ad AFTER DELETE ON comments FOR EACH ROW
    EXECUTE FUNCTION ps_comments_ad();
CREATE FUNCTION ps_comments_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(5, (SELECT thread_id FROM posts WHERE id = NEW.post_id));
    PERFORM page_stamp_bump(3, (SELECT t.community_id FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.id = NEW.post_id));
    PERFORM page_stamp_bump(1, 0);
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_comments_au AFTER UPDATE ON comments FOR EACH ROW
    EXECUTE FUNCTION ps_comments_au();
CREATE FUNCTION ps_thread_links_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(5, NEW.thread_id);
    PERFORM page_stamp_bump(5, NEW.target_id);
    PERFORM page_stamp_bump(3, (SELECT community_id FROM threads WHERE id = NEW.thread_id));
    PERFORM page_stamp_bump(1, 0);
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_thread_links_ai AFTER INSERT ON thread_links FOR EACH ROW
    EXECUTE FUNCTION ps_thread_links_ai();
CREATE FUNCTION ps_thread_links_ad() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(5, OLD.thread_id);
    PERFORM page_stamp_bump(5, OLD.target_id);
    PERFORM page_stamp_bump(3, (SELECT community_id FROM threads WHERE id = OLD.thread_id));
    PERFORM page_stamp_bump(1, 0);
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_thread_links_ad AFTER DELETE ON thread_links FOR EACH ROW
    EXECUTE FUNCTION ps_thread_links_ad();
CREATE FUNCTION ps_thread_links_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(5, NEW.thread_id);
    PERFORM page_stamp_bump(5, NEW.target_id);
    PERFORM page_stamp_bump(3, (SELECT community_id FROM threads WHERE id = NEW.thread_id));
    PERFORM page_stamp_bump(1, 0);
    PERFORM page_stamp_bump(5, OLD.thread_id);
    PERFORM page_stamp_bump(5, OLD.target_id);
    PERFORM page_stamp_bump(3, (SELECT community_id FROM threads WHERE id = OLD.thread_id));
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_thread_links_au AFTER UPDATE ON thread_links FOR EACH ROW
    EXECUTE FUNCTION ps_thread_links_au();
CREATE FUNCTION ps_article_threads_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(5, NEW.thread_id);
    PERFORM page_stamp_bump(3, (SELECT community_id FROM articles WHERE id = NEW.article_id));
    PERFORM page_stamp_bump(1, 0);
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_article_threads_ai AFTER INSERT ON article_threads FOR EACH ROW
    EXECUTE FUNCTION ps_article_threads_ai();
CREATE FUNCTION ps_article_threads_ad() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(5, OLD.thread_id);
    PERFORM page_stamp_bump(3, (SELECT community_id FROM articles WHERE id = OLD.article_id));
    PERFORM page_stamp_bump(1, 0);
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_article_threads_ad AFTER DELETE ON article_threads FOR EACH ROW
    EXECUTE FUNCTION ps_article_threads_ad();
CREATE FUNCTION ps_article_threads_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(5, NEW.thread_id);
    PERFORM page_stamp_bump(3, (SELECT community_id FROM articles WHERE id = NEW.article_id));
    PERFORM page_stamp_bump(1, 0);
    PERFORM page_stamp_bump(5, OLD.thread_id);
    PERFORM page_stamp_bump(3, (SELECT community_id FROM articles WHERE id = OLD.article_id));
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_article_threads_au AFTER UPDATE ON article_threads FOR EACH ROW
    EXECUTE FUNCTION ps_article_threads_au();
CREATE FUNCTION ps_communities_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(1, 0);
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_communities_ai AFTER INSERT ON communities FOR EACH ROW
    EXECUTE FUNCTION ps_communities_ai();
CREATE FUNCTION ps_communities_ad() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(3, OLD.id);
    PERFORM page_stamp_bump(4, OLD.id);
    PERFORM page_stamp_bump(1, 0);
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_communities_ad AFTER DELETE ON communities FOR EACH ROW
    EXECUTE FUNCTION ps_communities_ad();
CREATE FUNCTION ps_communities_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(3, NEW.id);
    PERFORM page_stamp_bump(4, NEW.id);
    PERFORM page_stamp_bump(1, 0);
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_communities_au AFTER UPDATE ON communities FOR EACH ROW
    EXECUTE FUNCTION ps_communities_au();
CREATE FUNCTION ps_community_tags_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(3, NEW.community_id);
    PERFORM page_stamp_bump(4, NEW.community_id);
    PERFORM page_stamp_bump(1, 0);
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_community_tags_ai AFTER INSERT ON community_tags FOR EACH ROW
    EXECUTE FUNCTION ps_community_tags_ai();
CREATE FUNCTION ps_community_tags_ad() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(3, OLD.community_id);
    PERFORM page_stamp_bump(4, OLD.community_id);
    PERFORM page_stamp_bump(1, 0);
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_community_tags_ad AFTER DELETE ON community_tags FOR EACH ROW
    EXECUTE FUNCTION ps_community_tags_ad();
CREATE FUNCTION ps_community_tags_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(3, NEW.community_id);
    PERFORM page_stamp_bump(4, NEW.community_id);
    PERFORM page_stamp_bump(1, 0);
    PERFORM page_stamp_bump(3, OLD.community_id);
    PERFORM page_stamp_bump(4, OLD.community_id);
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_community_tags_au AFTER UPDATE ON community_tags FOR EACH ROW
    EXECUTE FUNCTION ps_community_tags_au();
CREATE FUNCTION ps_memberships_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(3, NEW.community_id);
    PERFORM page_stamp_bump(4, NEW.community_id);
    PERFORM page_stamp_bump(1, 0);
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_memberships_au AFTER UPDATE ON memberships FOR EACH ROW
    EXECUTE FUNCTION ps_memberships_au();
CREATE FUNCTION ps_users_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(1, 0);
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_users_ai AFTER INSERT ON users FOR EACH ROW
    EXECUTE FUNCTION ps_users_ai();
CREATE FUNCTION ps_users_ad() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(2, 0);
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_users_ad AFTER DELETE ON users FOR EACH ROW
    EXECUTE FUNCTION ps_users_ad();
CREATE FUNCTION ps_users_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(2, 0);
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_users_au AFTER UPDATE ON users FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.display_name IS DISTINCT FROM NEW.display_name OR OLD.status IS DISTINCT FROM NEW.status OR OLD.expertise_hidden IS DISTINCT FROM NEW.expertise_hidden)
    EXECUTE FUNCTION ps_users_au();
CREATE FUNCTION ps_settings_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(2, 0);
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_settings_ai AFTER INSERT ON settings FOR EACH ROW
    EXECUTE FUNCTION ps_settings_ai();
CREATE FUNCTION ps_settings_ad() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(2, 0);
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_settings_ad AFTER DELETE ON settings FOR EACH ROW
    EXECUTE FUNCTION ps_settings_ad();
CREATE FUNCTION ps_settings_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(2, 0);
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_settings_au AFTER UPDATE ON settings FOR EACH ROW
    EXECUTE FUNCTION ps_settings_au();
CREATE FUNCTION ps_events_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(3, NEW.community_id);
    PERFORM page_stamp_bump(1, 0);
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_events_ai AFTER INSERT ON events FOR EACH ROW
    EXECUTE FUNCTION ps_events_ai();
CREATE FUNCTION ps_events_ad() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(3, OLD.community_id);
    PERFORM page_stamp_bump(1, 0);
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_events_ad AFTER DELETE ON events FOR EACH ROW
    EXECUTE FUNCTION ps_events_ad();
CREATE FUNCTION ps_events_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(3, NEW.community_id);
    PERFORM page_stamp_bump(1, 0);
    PERFORM page_stamp_bump(3, OLD.community_id);
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_events_au AFTER UPDATE ON events FOR EACH ROW
    EXECUTE FUNCTION ps_events_au();
CREATE FUNCTION ps_event_overrides_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(3, (SELECT community_id FROM events WHERE id = NEW.event_id));
    PERFORM page_stamp_bump(1, 0);
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_event_overrides_ai AFTER INSERT ON event_overrides FOR EACH ROW
    EXECUTE FUNCTION ps_event_overrides_ai();
CREATE FUNCTION ps_event_overrides_ad() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(3, (SELECT community_id FROM events WHERE id = OLD.event_id));
    PERFORM page_stamp_bump(1, 0);
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_event_overrides_ad AFTER DELETE ON event_overrides FOR EACH ROW
    EXECUTE FUNCTION ps_event_overrides_ad();
CREATE FUNCTION ps_event_overrides_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(3, (SELECT community_id FROM events WHERE id = NEW.event_id));
    PERFORM page_stamp_bump(1, 0);
    PERFORM page_stamp_bump(3, (SELECT community_id FROM events WHERE id = OLD.event_id));
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_event_overrides_au AFTER UPDATE ON event_overrides FOR EACH ROW
    EXECUTE FUNCTION ps_event_overrides_au();
CREATE FUNCTION ps_event_rsvps_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(3, (SELECT community_id FROM events WHERE id = NEW.event_id));
    PERFORM page_stamp_bump(1, 0);
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_event_rsvps_ai AFTER INSERT ON event_rsvps FOR EACH ROW
    EXECUTE FUNCTION ps_event_rsvps_ai();
CREATE FUNCTION ps_event_rsvps_ad() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(3, (SELECT community_id FROM events WHERE id = OLD.event_id));
    PERFORM page_stamp_bump(1, 0);
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_event_rsvps_ad AFTER DELETE ON event_rsvps FOR EACH ROW
    EXECUTE FUNCTION ps_event_rsvps_ad();
CREATE FUNCTION ps_event_rsvps_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(3, (SELECT community_id FROM events WHERE id = NEW.event_id));
    PERFORM page_stamp_bump(1, 0);
    PERFORM page_stamp_bump(3, (SELECT community_id FROM events WHERE id = OLD.event_id));
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_event_rsvps_au AFTER UPDATE ON event_rsvps FOR EACH ROW
    EXECUTE FUNCTION ps_event_rsvps_au();
CREATE FUNCTION ps_articles_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(3, NEW.community_id);
    PERFORM page_stamp_bump(4, NEW.community_id);
    PERFORM page_stamp_bump(1, 0);
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_articles_ai AFTER INSERT ON articles FOR EACH ROW
    EXECUTE FUNCTION ps_articles_ai();
CREATE FUNCTION ps_articles_ad() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(3, OLD.community_id);
    PERFORM page_stamp_bump(4, OLD.community_id);
    PERFORM page_stamp_bump(1, 0);
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_articles_ad AFTER DELETE ON articles FOR EACH ROW
    EXECUTE FUNCTION ps_articles_ad();
CREATE FUNCTION ps_articles_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(3, NEW.community_id);
    PERFORM page_stamp_bump(4, NEW.community_id);
    PERFORM page_stamp_bump(1, 0);
    PERFORM page_stamp_bump(3, OLD.community_id);
    PERFORM page_stamp_bump(4, OLD.community_id);
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_articles_au AFTER UPDATE ON articles FOR EACH ROW
    EXECUTE FUNCTION ps_articles_au();
CREATE FUNCTION ps_uploads_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(3, NEW.community_id);
    PERFORM page_stamp_bump(1, 0);
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_uploads_ai AFTER INSERT ON uploads FOR EACH ROW
    EXECUTE FUNCTION ps_uploads_ai();
CREATE FUNCTION ps_uploads_ad() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(3, OLD.community_id);
    PERFORM page_stamp_bump(1, 0);
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_uploads_ad AFTER DELETE ON uploads FOR EACH ROW
    EXECUTE FUNCTION ps_uploads_ad();
CREATE FUNCTION ps_uploads_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(3, NEW.community_id);
    PERFORM page_stamp_bump(1, 0);
    PERFORM page_stamp_bump(3, OLD.community_id);
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_uploads_au AFTER UPDATE ON uploads FOR EACH ROW
    EXECUTE FUNCTION ps_uploads_au();
CREATE FUNCTION ps_tag_proposals_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(3, NEW.community_id);
    PERFORM page_stamp_bump(1, 0);
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_tag_proposals_ai AFTER INSERT ON tag_proposals FOR EACH ROW
    EXECUTE FUNCTION ps_tag_proposals_ai();
CREATE FUNCTION ps_tag_proposals_ad() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(3, OLD.community_id);
    PERFORM page_stamp_bump(1, 0);
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_tag_proposals_ad AFTER DELETE ON tag_proposals FOR EACH ROW
    EXECUTE FUNCTION ps_tag_proposals_ad();
CREATE FUNCTION ps_tag_proposals_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM page_stamp_bump(3, NEW.community_id);
    PERFORM page_stamp_bump(1, 0);
    PERFORM page_stamp_bump(3, OLD.community_id);
    RETURN NULL;
END
$$;
CREATE TRIGGER ps_tag_proposals_au AFTER UPDATE ON tag_proposals FOR EACH ROW
    EXECUTE FUNCTION ps_tag_proposals_au();
