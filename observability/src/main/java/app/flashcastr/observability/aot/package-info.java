/**
 * Ahead-of-time work on the services' starts. Spring AOT's one hazard: it evaluates every
 * condition when the jar is built. What each condition on a property saw then is written
 * into the jar, and a start in AOT mode that sees otherwise fails at once, naming the
 * property, instead of running another wiring than its settings ask for. And the JDK AOT
 * cache's training run ({@code AotTrainingRun}): the ready service asks itself its first
 * requests and exits, so the cache holds the whole start.
 */
package app.flashcastr.observability.aot;
