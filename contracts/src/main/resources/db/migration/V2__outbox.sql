-- Transactional outbox: a message is written in the same transaction as the rows it announces, and a relay
-- publishes it with publisher confirms. A row is deleted only once the broker confirmed it.
CREATE TABLE IF NOT EXISTS outbox (
    id              BIGSERIAL PRIMARY KEY,
    message_id      UUID        NOT NULL UNIQUE,
    exchange        TEXT        NOT NULL,
    routing_key     TEXT        NOT NULL,
    message_type    TEXT        NOT NULL,
    message_version INTEGER     NOT NULL,
    body            BYTEA       NOT NULL,
    -- W3C traceparent of the trace that wrote the entry, so the publish joins that trace even when retried later.
    trace_parent    TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    attempts        INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    last_error      TEXT
);
CREATE INDEX IF NOT EXISTS idx_outbox_due ON outbox (next_attempt_at, id);
