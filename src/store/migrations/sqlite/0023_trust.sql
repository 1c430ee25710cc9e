-- 0023 trust levels (issue 16, docs/moderation.md "Trust levels"): each member's instance-wide
-- trust level (0 new, 1 basic, 2 member, 3 regular, 4 leader), recomputed from their record by
-- domain/trust.c, and trust_locked (1 = an administrator set the level; recomputation leaves it
-- alone). user_days holds one row per member per UTC day they were signed in and active
-- (coarse and privacy-respecting: never per page); it counts "days visited".

ALTER TABLE users ADD COLUMN trust_level INTEGER NOT NULL DEFAULT 0
    CHECK (trust_level BETWEEN 0 AND 4);
ALTER TABLE users ADD COLUMN trust_locked INTEGER NOT NULL DEFAULT 0;

CREATE TABLE user_days (
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    day BIGINT NOT NULL, -- days since 1970-01-01 UTC
    PRIMARY KEY (user_id, day)
);
