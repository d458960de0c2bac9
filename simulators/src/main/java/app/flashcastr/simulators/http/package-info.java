/**
 * Fault machinery and admin-request parsing shared by the HTTP simulators.
 */
package app.flashcastr.simulators.http;
