-- RESERVED PLACEHOLDER (digest branch): number 0015 belongs to the mailin helper's
-- migration, made in parallel. The migration checker refuses gaps, so this file holds the
-- number on the digest branch only. The lead deletes it at merge.
SELECT 1;
