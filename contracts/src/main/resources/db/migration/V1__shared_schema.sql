-- The shared Flashcastr schema (upstream.md §5), with BIGINT flash ids and the indexes the services query by.

-- Every flash seen in the Space Invaders feed. ipfs_cid NULL or '' means "not pinned yet".
CREATE TABLE IF NOT EXISTS flashes (
    flash_id          BIGINT PRIMARY KEY,
    city              TEXT,
    player            TEXT,
    img               TEXT,
    ipfs_cid          TEXT,
    text              TEXT,
    timestamp         TIMESTAMP(6),
    flash_count       TEXT,
    -- When the producer first stored it: the start of the freshness SLO (seen -> pinned -> cast).
    first_seen_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- Last time a "still missing a CID" re-announcement was queued, so re-announcements are rate limited.
    last_announced_at TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS idx_flashes_city ON flashes (city);
CREATE INDEX IF NOT EXISTS idx_flashes_timestamp ON flashes (timestamp);
CREATE INDEX IF NOT EXISTS idx_flashes_city_timestamp_desc ON flashes (city, timestamp DESC);
CREATE INDEX IF NOT EXISTS idx_flashes_player_lower_timestamp ON flashes (LOWER(player), timestamp DESC);
CREATE INDEX IF NOT EXISTS idx_flashes_player_lower_city_timestamp ON flashes (LOWER(player), city, timestamp DESC);
-- Partial index: the backlog of flashes still waiting for a pin stays cheap to find even with millions of rows.
CREATE INDEX IF NOT EXISTS idx_flashes_missing_ipfs ON flashes (timestamp) WHERE ipfs_cid IS NULL OR ipfs_cid = '';

-- Registered Flashcastr users. username is the Flash Invaders player name, compared case-insensitively.
CREATE TABLE IF NOT EXISTS flashcastr_users (
    fid         INTEGER PRIMARY KEY,
    username    TEXT,
    signer_uuid TEXT,
    auto_cast   BOOLEAN DEFAULT TRUE,
    deleted     BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX IF NOT EXISTS idx_flashcastr_users_username_lower ON flashcastr_users (LOWER(username));
CREATE INDEX IF NOT EXISTS idx_flashcastr_users_signer_uuid ON flashcastr_users (signer_uuid);

-- A user's flashes and the cast that announced each one (cast_hash NULL = not cast yet).
CREATE TABLE IF NOT EXISTS flashcastr_flashes (
    id            SERIAL PRIMARY KEY,
    flash_id      BIGINT NOT NULL UNIQUE REFERENCES flashes (flash_id),
    user_fid      INTEGER NOT NULL REFERENCES flashcastr_users (fid) ON DELETE CASCADE,
    user_username TEXT,
    user_pfp_url  TEXT,
    cast_hash     TEXT,
    deleted       BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX IF NOT EXISTS idx_flashcastr_flashes_user_fid ON flashcastr_flashes (user_fid);
CREATE INDEX IF NOT EXISTS idx_flashcastr_flashes_cast_hash ON flashcastr_flashes (cast_hash);

-- Image -> catalogue invader matches. matched_flash_id is a catalogue id, not always a row of flashes, so no FK.
CREATE TABLE IF NOT EXISTS flash_identifications (
    id                 SERIAL PRIMARY KEY,
    source_ipfs_cid    TEXT NOT NULL UNIQUE,
    matched_flash_id   BIGINT NOT NULL,
    matched_flash_name TEXT,
    similarity         DOUBLE PRECISION,
    confidence         DOUBLE PRECISION,
    created_at         TIMESTAMP NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS idx_flash_identifications_matched ON flash_identifications (matched_flash_id);
