-- 0017: a placeholder (branch webhooks only). Numbers 0017 and 0018 belong to other branches
-- of this wave; the webhooks branch holds them with no-op migrations so its own 0019 has no
-- gap. Delete this file at merge (or renumber 0019_webhooks).
SELECT 1;
