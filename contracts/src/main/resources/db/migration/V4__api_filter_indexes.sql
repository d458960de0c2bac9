-- Indexes for the API's case-insensitive filters (LOWER(...) = LOWER(?)), newest first.
-- globalFlashes / unifiedFlashes / flashes filtered by city.
CREATE INDEX IF NOT EXISTS idx_flashes_city_lower_timestamp ON flashes (LOWER(city), timestamp DESC);
-- flashes(username:) filters on the Farcaster username stored with each link.
CREATE INDEX IF NOT EXISTS idx_flashcastr_flashes_user_username_lower ON flashcastr_flashes (LOWER(user_username));
