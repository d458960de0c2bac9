-- A user's timeline (the API's flashes(fid:) / flashes(username:), newest flash first) read from an index in page
-- order: the flash's timestamp is carried on each link, so a page reads its `limit` rows instead of joining and
-- sorting all of a user's links per request.
ALTER TABLE flashcastr_flashes ADD COLUMN IF NOT EXISTS flash_timestamp TIMESTAMP(6);

-- Existing links, before the triggers exist (ADD COLUMN holds flashcastr_flashes locked until the migration commits,
-- so no link is written meanwhile, and the backfill does not lock every flash row as the trigger would).
UPDATE flashcastr_flashes ff SET flash_timestamp = f.timestamp
FROM flashes f
WHERE f.flash_id = ff.flash_id;

-- Kept in step by triggers, not by each writer: links are written by the producer (pinned flash), the API (signup)
-- and tests, and a writer that forgot the column would silently misorder a timeline. The link's copy is always set
-- from flashes, so a writer cannot set it to anything else either.
CREATE OR REPLACE FUNCTION flashcastr_flashes_copy_flash_timestamp() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    -- FOR SHARE waits for a concurrent change of the flash's timestamp and reads its committed value, so a link
    -- inserted during that change cannot keep the old one (the change's own trigger cannot see this link yet).
    SELECT f.timestamp INTO NEW.flash_timestamp FROM flashes f WHERE f.flash_id = NEW.flash_id FOR SHARE;
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS flashcastr_flashes_flash_timestamp ON flashcastr_flashes;
CREATE TRIGGER flashcastr_flashes_flash_timestamp
    BEFORE INSERT OR UPDATE OF flash_id, flash_timestamp ON flashcastr_flashes
    FOR EACH ROW EXECUTE FUNCTION flashcastr_flashes_copy_flash_timestamp();

-- No writer changes a flash's timestamp today (the producer inserts once, ON CONFLICT DO NOTHING); if one ever does,
-- its links follow. Only a real change of timestamp fires it: pinning (ipfs_cid) stays a plain HOT update (V6).
CREATE OR REPLACE FUNCTION flashes_follow_timestamp() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    UPDATE flashcastr_flashes SET flash_timestamp = NEW.timestamp WHERE flash_id = NEW.flash_id;
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS flashes_timestamp_to_links ON flashes;
CREATE TRIGGER flashes_timestamp_to_links
    AFTER UPDATE OF timestamp ON flashes
    FOR EACH ROW WHEN (OLD.timestamp IS DISTINCT FROM NEW.timestamp)
    EXECUTE FUNCTION flashes_follow_timestamp();

-- Page order of every timeline query: newest flash first, flash id breaking ties (the API's FlashRows.NEWEST_FIRST;
-- DESC puts NULL timestamps first, as ORDER BY ... DESC does). Partial: the API never lists deleted links.
-- flashes(fid:)
CREATE INDEX IF NOT EXISTS idx_flashcastr_flashes_user_timeline
    ON flashcastr_flashes (user_fid, flash_timestamp DESC, flash_id DESC) WHERE deleted = false;
-- flashes(username:), compared LOWER() = LOWER() as the API does.
CREATE INDEX IF NOT EXISTS idx_flashcastr_flashes_username_timeline
    ON flashcastr_flashes (LOWER(user_username), flash_timestamp DESC, flash_id DESC) WHERE deleted = false;
-- flashes() without a user: every user's links, newest first.
CREATE INDEX IF NOT EXISTS idx_flashcastr_flashes_timeline
    ON flashcastr_flashes (flash_timestamp DESC, flash_id DESC) WHERE deleted = false;
-- The username timeline index answers every query V4's plain username index did (they all filter deleted = false).
-- idx_flashcastr_flashes_user_fid stays: deleting a user's links (and the FK's cascade) includes deleted rows.
DROP INDEX IF EXISTS idx_flashcastr_flashes_user_username_lower;
