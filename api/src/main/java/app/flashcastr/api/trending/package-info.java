/**
 * Trending cities: the cities with the most flashes in a recent window, cached per
 * argument set.
 */
package app.flashcastr.api.trending;
