-- 0018 comments (PostgreSQL): local comments under posts (Stack Overflow's short remarks) next
-- to the imported ones of 0006: when one was last edited, and soft deletion (who deleted it,
-- when) so a moderator's delete can be audited and a deleted comment stays out of pages
-- and search (exports keep it, marked deleted, as they keep deleted posts). Comments are
-- searchable documents of kind 'comment' (search_docs, see docs/internals/search.md): one row
-- per live comment of a live, visible post of a live thread, kept by the triggers below. Same columns and rows as sqlite/0018.

ALTER TABLE comments ADD COLUMN edited_at BIGINT;
ALTER TABLE comments ADD COLUMN deleted_at BIGINT;
ALTER TABLE comments ADD COLUMN deleted_by BIGINT REFERENCES users(id) ON DELETE SET NULL;

CREATE FUNCTION search_comments_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM search_docs WHERE kind = 'comment' AND ref_id = OLD.id;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.deleted_at IS NULL THEN
        INSERT INTO search_docs (kind, ref_id, thread_id, community_id, author_id, title, body, created_at)
        SELECT 'comment', NEW.id, t.id, t.community_id, NEW.author_id, '', NEW.body_md, NEW.created_at
        FROM posts p JOIN threads t ON t.id = p.thread_id
        WHERE p.id = NEW.post_id AND p.hidden_at IS NULL AND p.deleted_at IS NULL
          AND t.deleted_at IS NULL;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER search_comments_ai AFTER INSERT OR DELETE ON comments
    FOR EACH ROW EXECUTE FUNCTION search_comments_sync();
CREATE TRIGGER search_comments_au AFTER UPDATE OF body_md, deleted_at ON comments
    FOR EACH ROW EXECUTE FUNCTION search_comments_sync();

-- A post hidden, deleted or shown again: its comments follow it.
CREATE FUNCTION search_posts_comments_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM search_docs WHERE kind = 'comment'
      AND ref_id IN (SELECT cm.id FROM comments cm WHERE cm.post_id = NEW.id);
    INSERT INTO search_docs (kind, ref_id, thread_id, community_id, author_id, title, body, created_at)
    SELECT 'comment', cm.id, t.id, t.community_id, cm.author_id, '', cm.body_md, cm.created_at
    FROM comments cm JOIN threads t ON t.id = NEW.thread_id
    WHERE cm.post_id = NEW.id AND cm.deleted_at IS NULL AND NEW.hidden_at IS NULL
      AND NEW.deleted_at IS NULL AND t.deleted_at IS NULL;
    RETURN NULL;
END
$$;
CREATE TRIGGER search_posts_comments AFTER UPDATE OF hidden_at, deleted_at ON posts
    FOR EACH ROW EXECUTE FUNCTION search_posts_comments_sync();

INSERT INTO search_docs (kind, ref_id, thread_id, community_id, author_id, title, body, created_at)
SELECT 'comment', cm.id, t.id, t.community_id, cm.author_id, '', cm.body_md, cm.created_at
FROM comments cm JOIN posts p ON p.id = cm.post_id JOIN threads t ON t.id = p.thread_id
WHERE p.hidden_at IS NULL AND p.deleted_at IS NULL AND t.deleted_at IS NULL;
