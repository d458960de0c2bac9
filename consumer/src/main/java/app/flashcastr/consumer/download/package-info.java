/**
 * Downloading a flash's image from the feed host: {@code image/*} only, size-capped,
 * redirects not followed, transient failures retried with full jitter.
 */
package app.flashcastr.consumer.download;
