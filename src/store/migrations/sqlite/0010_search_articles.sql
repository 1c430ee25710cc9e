-- Articles in search (SQLite): triggers on articles keep one search_docs row of kind
-- 'article' per article that readers can see, in the same transaction as every write
-- (create, edit, rename, status change, delete), and existing articles are indexed.
-- See docs/internals/search.md ("Articles").
--
-- Only published, best_practice and outdated articles are indexed: a draft has no row (a
-- draft that is published gains one, an article set back to draft loses it), so search
-- can never show a draft to someone who may not see it. ref_id is the article id, the
-- author its creator (created_by), the date its last update (updated_at), the title its
-- title and the body its Markdown source. The slug, status and tags are read from articles
-- when searching (a join), so a rename needs no index change beyond the title.
CREATE TRIGGER search_articles_ai AFTER INSERT ON articles
WHEN new.status IN ('published', 'best_practice', 'outdated') BEGIN
    INSERT INTO search_docs (kind, ref_id, community_id, author_id, title, body, created_at)
    VALUES ('article', new.id, new.community_id, new.created_by, new.title, new.body_md,
            new.updated_at);
END;
CREATE TRIGGER search_articles_au AFTER UPDATE OF title, body_md, status, community_id, created_by, updated_at ON articles BEGIN
    DELETE FROM search_docs WHERE kind = 'article' AND ref_id = old.id;
    INSERT INTO search_docs (kind, ref_id, community_id, author_id, title, body, created_at)
    SELECT 'article', new.id, new.community_id, new.created_by, new.title, new.body_md,
           new.updated_at
    WHERE new.status IN ('published', 'best_practice', 'outdated');
END;
CREATE TRIGGER search_articles_ad AFTER DELETE ON articles BEGIN
    DELETE FROM search_docs WHERE kind = 'article' AND ref_id = old.id;
END;

-- Index what exists already (the same statement as `praxis reindex`).
INSERT INTO search_docs (kind, ref_id, community_id, author_id, title, body, created_at)
SELECT 'article', id, community_id, created_by, title, body_md, updated_at FROM articles
WHERE status IN ('published', 'best_practice', 'outdated');
