-- Auto-cast bookkeeping on the user's flash link (one row per flash). A row is pending from the moment its flash is
-- pinned for a user with auto_cast on until a cast hash is stored, or casting is given up (signer refused).
ALTER TABLE flashcastr_flashes
    ADD COLUMN IF NOT EXISTS cast_pending    BOOLEAN     NOT NULL DEFAULT FALSE,
    -- When the flash became castable (its CID committed): start of the castable -> cast freshness.
    ADD COLUMN IF NOT EXISTS castable_at     TIMESTAMPTZ,
    ADD COLUMN IF NOT EXISTS cast_attempts   INTEGER     NOT NULL DEFAULT 0,
    -- Earliest next attempt; also the lease that keeps two workers (or replicas) off the same row.
    ADD COLUMN IF NOT EXISTS next_cast_at    TIMESTAMPTZ,
    ADD COLUMN IF NOT EXISTS last_cast_error TEXT;

-- The retry worker's scan: only pending rows, oldest due first.
CREATE INDEX IF NOT EXISTS idx_flashcastr_flashes_cast_due ON flashcastr_flashes (next_cast_at) WHERE cast_pending;
