/**
 * Flashcastr users: listing, the auto-cast switch and deletion (both protected by the API
 * key).
 */
package app.flashcastr.api.user;
