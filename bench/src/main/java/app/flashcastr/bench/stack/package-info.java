/**
 * The stack a benchmark runs on: a fresh database and vhost per run, the topology, the
 * service JVMs.
 */
package app.flashcastr.bench.stack;
