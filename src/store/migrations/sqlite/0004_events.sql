-- Events (sqlite): a community's meetings, one row per series (a one-off event is a series of
-- one), per-occurrence overrides (moved, renamed or cancelled dates), RSVPs per occurrence
-- with a waitlist, and the secret tokens of members' calendar feeds (stored hashed).
-- Times are UTC seconds; start_local is the wall-clock start in the event's zone written as
-- seconds since 1970-01-01 00:00 local. An occurrence is keyed by its local date YYYYMMDD.
-- Same tables on SQLite and PostgreSQL.

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    description_md TEXT NOT NULL DEFAULT '',
    description_html TEXT NOT NULL DEFAULT '',
    tz TEXT NOT NULL,
    start_local INTEGER NOT NULL,
    duration INTEGER NOT NULL,
    start_at INTEGER NOT NULL,
    last_end_at INTEGER NOT NULL,
    location TEXT NOT NULL DEFAULT '',
    online_url TEXT NOT NULL DEFAULT '',
    capacity INTEGER NOT NULL DEFAULT 0,
    freq TEXT NOT NULL DEFAULT 'none' CHECK (freq IN ('none', 'daily', 'weekly', 'monthly')),
    rinterval INTEGER NOT NULL DEFAULT 1,
    byday INTEGER NOT NULL DEFAULT 0,
    monthly TEXT NOT NULL DEFAULT 'date' CHECK (monthly IN ('date', 'weekday', 'last')),
    rcount INTEGER NOT NULL DEFAULT 0,
    until_date TEXT NOT NULL DEFAULT '',
    notes_url TEXT NOT NULL DEFAULT '',
    notes_md TEXT NOT NULL DEFAULT '',
    notes_html TEXT NOT NULL DEFAULT '',
    sequence INTEGER NOT NULL DEFAULT 0,
    cancelled INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
    created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX events_community ON events(community_id, last_end_at);
CREATE INDEX events_last_end ON events(last_end_at);

CREATE TABLE event_overrides (
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    occ_key INTEGER NOT NULL,
    title TEXT,
    start_at INTEGER,
    end_at INTEGER,
    location TEXT,
    cancelled INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
    sequence INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (event_id, occ_key)
);

CREATE TABLE event_rsvps (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    occ_key INTEGER NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('going', 'maybe', 'no', 'waitlist')),
    responded_at INTEGER NOT NULL,
    waitlisted_at INTEGER NOT NULL DEFAULT 0,
    UNIQUE (event_id, occ_key, user_id)
);
CREATE INDEX event_rsvps_user ON event_rsvps(user_id, status);

CREATE TABLE calendar_tokens (
    user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
);
