/**
 * The leaderboard of users by linked flashes and cities, cached per limit, with missing
 * usernames filled from Neynar.
 */
package app.flashcastr.api.leaderboard;
