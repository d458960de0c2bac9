/**
 * Image identifications: which catalogue invader a pinned image shows (written by the
 * embeddings job).
 */
package app.flashcastr.api.identification;
