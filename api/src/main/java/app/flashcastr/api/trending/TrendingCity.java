package app.flashcastr.api.trending;

/**
 * GraphQL {@code TrendingCity}.
 *
 * @param city city name
 * @param count flashes in the window
 */
record TrendingCity(String city, int count) {

}
