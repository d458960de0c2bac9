/**
 * Flashes: every flash of the feed ({@code flashes}) and the flashes linked to Flashcastr
 * users ({@code flashcastr_flashes}), with cities and players.
 */
package app.flashcastr.api.flash;
