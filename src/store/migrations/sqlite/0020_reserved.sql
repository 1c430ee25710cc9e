-- Placeholder for migration 0020, which another branch of this wave adds; it exists only so
-- that 0021_uploads applies on the uploads branch alone. Drop it at merge.
SELECT 1;
