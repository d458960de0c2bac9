/**
 * Dead letters brought back: {@code /actuator/deadletters} on the management port counts
 * them (GET, open like every read) and moves them back to {@code flashcastr.events}
 * (POST, with the management token).
 */
package app.flashcastr.consumer.deadletter;
