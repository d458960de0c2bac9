/**
 * The benchmarks themselves, one class each.
 */
package app.flashcastr.bench.scenario;
