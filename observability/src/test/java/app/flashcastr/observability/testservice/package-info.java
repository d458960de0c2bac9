/**
 * A minimal Spring Boot service ({@code test-svc}, prefix {@code test_svc}) that depends
 * on the observability module the way the real services do.
 */
package app.flashcastr.observability.testservice;
