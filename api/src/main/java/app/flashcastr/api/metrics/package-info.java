/**
 * The API's own meters: GraphQL operations, database query durations and the user/flash
 * gauges of the metric contract.
 */
package app.flashcastr.api.metrics;
