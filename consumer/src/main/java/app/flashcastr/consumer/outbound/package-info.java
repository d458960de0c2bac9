/**
 * The HTTP connection to the outside world the consumer calls (feed host, IPFS), shared
 * by the download and pin features.
 */
package app.flashcastr.consumer.outbound;
