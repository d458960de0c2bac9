/**
 * Spring AOT's one hazard: it evaluates every condition when the jar is built. What each
 * condition on a property saw then is written into the jar, and a start in AOT mode that
 * sees otherwise fails at once, naming the property, instead of running another wiring
 * than its settings ask for.
 */
package app.flashcastr.observability.aot;
