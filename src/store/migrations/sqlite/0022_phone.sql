-- 0022 phone, theme and series RSVPs: each member's colour theme ('system' follows the
-- browser's prefers-color-scheme and is the default; 'light' and 'dark' override it). The
-- session lookup reads it so every page can set <html data-theme> without a second query
-- (no flash of the wrong scheme). Same column on both backends.

ALTER TABLE users ADD COLUMN theme TEXT NOT NULL DEFAULT 'system'
    CHECK (theme IN ('system', 'light', 'dark'));
