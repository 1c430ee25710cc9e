-- Member counts kept on the community row by a trigger, so lists ordered or labelled by size
-- read one column instead of counting memberships for every community on every request
-- (the benchmark in docs/performance.md found that count to be 95% of the home page's cost).
-- The trigger runs inside the statement that changes memberships, so the count is exact after
-- joins, leaves, removals and ON DELETE CASCADE alike.
ALTER TABLE communities ADD COLUMN member_count BIGINT NOT NULL DEFAULT 0;
UPDATE communities SET member_count =
    (SELECT COUNT(*) FROM memberships m WHERE m.community_id = communities.id);
CREATE FUNCTION memberships_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE communities SET member_count = member_count + 1 WHERE id = NEW.community_id;
    ELSE
        UPDATE communities SET member_count = member_count - 1 WHERE id = OLD.community_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER memberships_count AFTER INSERT OR DELETE ON memberships
    FOR EACH ROW EXECUTE FUNCTION memberships_count();
-- Coordinator lookups on the community page filter by role.
CREATE INDEX memberships_role ON memberships (community_id, role);
