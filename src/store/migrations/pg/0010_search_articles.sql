-- Articles in search (PostgreSQL): a trigger function on articles keeps one search_docs row
-- of kind 'article' per article that readers can see, in the same transaction as every
-- write (create, edit, rename, status change, delete), and existing articles are indexed.
-- Same rows as sqlite/NNNN_search_articles.sql; see docs/internals/search.md ("Articles").
--
-- Only published, best_practice and outdated articles are indexed: a draft has no row, so
-- search can never show a draft to someone who may not see it. ref_id is the article id,
-- the author its creator (created_by), the date its last update (updated_at), the title its
-- title and the body its Markdown source. The slug, status and tags are read from articles
-- when searching (a join), so a rename needs no index change beyond the title.
CREATE FUNCTION search_articles_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM search_docs WHERE kind = 'article' AND ref_id = OLD.id;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.status IN ('published', 'best_practice', 'outdated') THEN
        INSERT INTO search_docs (kind, ref_id, community_id, author_id, title, body, created_at)
        VALUES ('article', NEW.id, NEW.community_id, NEW.created_by, NEW.title, NEW.body_md,
                NEW.updated_at);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER search_articles_ai AFTER INSERT OR DELETE ON articles
    FOR EACH ROW EXECUTE FUNCTION search_articles_sync();
CREATE TRIGGER search_articles_au AFTER UPDATE OF title, body_md, status, community_id, created_by, updated_at ON articles
    FOR EACH ROW EXECUTE FUNCTION search_articles_sync();

-- Index what exists already (the same statement as `praxis reindex`).
INSERT INTO search_docs (kind, ref_id, community_id, author_id, title, body, created_at)
SELECT 'article', id, community_id, created_by, title, body_md, updated_at FROM articles
WHERE status IN ('published', 'best_practice', 'outdated');
