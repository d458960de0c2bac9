package app.flashcastr.api.progress;

/**
 * GraphQL {@code DailyProgress}.
 *
 * @param date the UTC day, {@code YYYY-MM-DD}
 * @param count the user's linked flashes of that day
 */
record DailyProgress(String date, int count) {

}
