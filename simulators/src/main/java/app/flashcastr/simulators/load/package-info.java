/**
 * A small, configurable traffic source that makes dashboards move: new flashes on the
 * feed simulator, a weighted mix of GraphQL queries against the API, and an occasional
 * signup approved by the Neynar simulator. Off unless {@code LOAD_GENERATOR=on}; start it
 * in code with {@link app.flashcastr.simulators.load.LoadGenerator#start}.
 */
package app.flashcastr.simulators.load;
