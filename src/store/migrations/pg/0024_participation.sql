-- 0024 participation: monthly snapshots of each member's participation level per community
-- (docs/participation.md). A month is computed once, on demand, after it ended: the level
-- as of its last second over the 90 days before. participation_months records which
-- (community, month) pairs are computed, since inactive members have no row in
-- participation_levels. Levels: 1 peripheral, 2 active, 3 core. Same on both backends.

CREATE TABLE participation_months (
    community_id BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    month INTEGER NOT NULL,          -- YYYYMM
    computed_at BIGINT NOT NULL,
    PRIMARY KEY (community_id, month)
);

CREATE TABLE participation_levels (
    community_id BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    month INTEGER NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
    PRIMARY KEY (community_id, month, user_id)
);
CREATE INDEX participation_levels_user ON participation_levels(user_id, community_id, month);
