-- Progress of the consumer's backfill (one row): where it is, so a restart resumes instead of starting over.
CREATE TABLE IF NOT EXISTS consumer_backfill (
    id          SMALLINT PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    running     BOOLEAN     NOT NULL DEFAULT FALSE,
    cursor      BIGINT      NOT NULL DEFAULT 0,
    total       BIGINT      NOT NULL DEFAULT 0,
    queued      BIGINT      NOT NULL DEFAULT 0,
    rate        INTEGER     NOT NULL DEFAULT 50,
    started_at  TIMESTAMPTZ,
    finished_at TIMESTAMPTZ
);
