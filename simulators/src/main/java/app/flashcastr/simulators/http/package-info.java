/**
 * What the HTTP simulators share: fault switches and the dispatch of each request through
 * the active fault, the admin API of the switches and admin-request parsing, listeners
 * and settings from the environment.
 */
package app.flashcastr.simulators.http;
