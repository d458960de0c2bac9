package app.flashcastr.api.flash;

import java.util.List;

/**
 * GraphQL {@code FlashesSummary}: how many flashes a user has linked, and in which
 * cities.
 *
 * @param flashCount linked flashes not deleted
 * @param cities distinct cities, sorted
 */
public record FlashesSummary(int flashCount, List<String> cities) {

}
