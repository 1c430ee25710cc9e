-- 0018 comments (SQLite): local comments under posts (Stack Overflow's short remarks) next to
-- the imported ones of 0006: when one was last edited, and soft deletion (who deleted it,
-- when) so a moderator's delete can be audited and a deleted comment stays out of pages
-- and search (exports keep it, marked deleted, as they keep deleted posts). Comments are
-- searchable documents of kind 'comment' (search_docs, see docs/internals/search.md): one row
-- per live comment of a live, visible post of a live thread, kept by the triggers below. Same columns and rows as pg/0018.

ALTER TABLE comments ADD COLUMN edited_at INTEGER;
ALTER TABLE comments ADD COLUMN deleted_at INTEGER;
ALTER TABLE comments ADD COLUMN deleted_by INTEGER REFERENCES users(id) ON DELETE SET NULL;

CREATE TRIGGER search_comments_ai AFTER INSERT ON comments WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO search_docs (kind, ref_id, thread_id, community_id, author_id, title, body, created_at)
    SELECT 'comment', new.id, t.id, t.community_id, new.author_id, '', new.body_md, new.created_at
    FROM posts p JOIN threads t ON t.id = p.thread_id
    WHERE p.id = new.post_id AND p.hidden_at IS NULL AND p.deleted_at IS NULL
      AND t.deleted_at IS NULL;
END;
CREATE TRIGGER search_comments_au AFTER UPDATE OF body_md, deleted_at ON comments BEGIN
    DELETE FROM search_docs WHERE kind = 'comment' AND ref_id = old.id;
    INSERT INTO search_docs (kind, ref_id, thread_id, community_id, author_id, title, body, created_at)
    SELECT 'comment', new.id, t.id, t.community_id, new.author_id, '', new.body_md, new.created_at
    FROM posts p JOIN threads t ON t.id = p.thread_id
    WHERE p.id = new.post_id AND p.hidden_at IS NULL AND p.deleted_at IS NULL
      AND t.deleted_at IS NULL AND new.deleted_at IS NULL;
END;
CREATE TRIGGER search_comments_ad AFTER DELETE ON comments BEGIN
    DELETE FROM search_docs WHERE kind = 'comment' AND ref_id = old.id;
END;
-- A post hidden, deleted or shown again: its comments follow it.
CREATE TRIGGER search_posts_comments AFTER UPDATE OF hidden_at, deleted_at ON posts BEGIN
    DELETE FROM search_docs WHERE kind = 'comment'
      AND ref_id IN (SELECT cm.id FROM comments cm WHERE cm.post_id = new.id);
    INSERT INTO search_docs (kind, ref_id, thread_id, community_id, author_id, title, body, created_at)
    SELECT 'comment', cm.id, t.id, t.community_id, cm.author_id, '', cm.body_md, cm.created_at
    FROM comments cm JOIN threads t ON t.id = new.thread_id
    WHERE cm.post_id = new.id AND cm.deleted_at IS NULL AND new.hidden_at IS NULL
      AND new.deleted_at IS NULL AND t.deleted_at IS NULL;
END;

INSERT INTO search_docs (kind, ref_id, thread_id, community_id, author_id, title, body, created_at)
SELECT 'comment', cm.id, t.id, t.community_id, cm.author_id, '', cm.body_md, cm.created_at
FROM comments cm JOIN posts p ON p.id = cm.post_id JOIN threads t ON t.id = p.thread_id
WHERE p.hidden_at IS NULL AND p.deleted_at IS NULL AND t.deleted_at IS NULL;
