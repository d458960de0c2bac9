/**
 * The one-command local run: infrastructure, simulators and services started, watched and
 * stopped together, with their ports in {@code .devstack/status.json}.
 */
package app.flashcastr.devstack;
