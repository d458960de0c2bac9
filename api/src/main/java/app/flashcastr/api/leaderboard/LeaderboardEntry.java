package app.flashcastr.api.leaderboard;

/**
 * GraphQL {@code LeaderboardEntry}.
 *
 * @param username Farcaster username
 * @param pfp_url profile picture
 * @param flash_count linked flashes not deleted
 * @param city_count distinct cities of those flashes
 */
record LeaderboardEntry(String username, String pfp_url, int flash_count, int city_count) {

}
