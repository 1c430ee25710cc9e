-- Placeholder so that this branch's 0030 has no gap before it; the lead drops it at merge.
SELECT 1;
