-- A user's profile page reads the user's links alone: its header (the API's flashesSummary: links and their cities)
-- and its activity chart (progress: links per day) joined every link of the user to its flash per request (47 ms for
-- a user with 800 links, a sequential scan of flashes). The flash's city is now carried on each link as its
-- timestamp is (V7), and one index answers the timeline, the header and the chart.
ALTER TABLE flashcastr_flashes ADD COLUMN IF NOT EXISTS flash_city TEXT;

-- Existing links, before the new triggers exist (V7's trigger does not fire on flash_city).
UPDATE flashcastr_flashes ff SET flash_city = f.city
FROM flashes f
WHERE f.flash_id = ff.flash_id AND ff.flash_city IS DISTINCT FROM f.city;

-- One pair of triggers for both copies, as V7's for the timestamp: every writer of a link gets them right, and
-- nobody can set them to anything but their flash's values.
CREATE OR REPLACE FUNCTION flashcastr_flashes_copy_flash() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    -- FOR SHARE waits for a concurrent change of the flash and reads its committed values (V7).
    SELECT f.timestamp, f.city INTO NEW.flash_timestamp, NEW.flash_city
    FROM flashes f WHERE f.flash_id = NEW.flash_id FOR SHARE;
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS flashcastr_flashes_flash_timestamp ON flashcastr_flashes;
DROP TRIGGER IF EXISTS flashcastr_flashes_flash_columns ON flashcastr_flashes;
CREATE TRIGGER flashcastr_flashes_flash_columns
    BEFORE INSERT OR UPDATE OF flash_id, flash_timestamp, flash_city ON flashcastr_flashes
    FOR EACH ROW EXECUTE FUNCTION flashcastr_flashes_copy_flash();
DROP FUNCTION IF EXISTS flashcastr_flashes_copy_flash_timestamp();

-- Only a real change of timestamp or city fires it: pinning (ipfs_cid) stays a plain HOT update (V6).
CREATE OR REPLACE FUNCTION flashes_follow_to_links() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    UPDATE flashcastr_flashes SET flash_timestamp = NEW.timestamp, flash_city = NEW.city
    WHERE flash_id = NEW.flash_id;
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS flashes_timestamp_to_links ON flashes;
DROP TRIGGER IF EXISTS flashes_to_links ON flashes;
CREATE TRIGGER flashes_to_links
    AFTER UPDATE OF timestamp, city ON flashes
    FOR EACH ROW WHEN (OLD.timestamp IS DISTINCT FROM NEW.timestamp OR OLD.city IS DISTINCT FROM NEW.city)
    EXECUTE FUNCTION flashes_follow_to_links();
DROP FUNCTION IF EXISTS flashes_follow_timestamp();

-- V7's user timeline index with the city beside each entry: a page reads its rows in order, the header counts a
-- user's links and cities from the index alone, the chart reads only the days it shows.
CREATE INDEX IF NOT EXISTS idx_flashcastr_flashes_user_profile
    ON flashcastr_flashes (user_fid, flash_timestamp DESC, flash_id DESC) INCLUDE (flash_city) WHERE deleted = false;
DROP INDEX IF EXISTS idx_flashcastr_flashes_user_timeline;
