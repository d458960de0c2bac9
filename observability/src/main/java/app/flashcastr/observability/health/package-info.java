/**
 * Readiness and liveness probe groups: readiness follows the service's own dependencies,
 * liveness never does.
 */
package app.flashcastr.observability.health;
