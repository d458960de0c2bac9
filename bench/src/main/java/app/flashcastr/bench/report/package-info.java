/**
 * Figures, the printed table and the results log in {@code docs/benchmarks.md}.
 */
package app.flashcastr.bench.report;
