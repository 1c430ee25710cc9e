-- 0014: reserved for the mailnotify lane's migration, which is not merged on this branch
-- yet; migrations must be numbered without gaps, so this placeholder lets 0015 apply.
-- Delete this file when the real 0014 is merged.
SELECT 1;
