/**
 * Tests of the management write guard on running services.
 */
package app.flashcastr.observability.management;
