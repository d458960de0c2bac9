/**
 * A user's daily flash counts over the last days (the front end's heat map).
 */
package app.flashcastr.api.progress;
