package app.flashcastr.api.execution;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;

import app.flashcastr.api.hardening.DocumentLimitsInstrumentation;
import app.flashcastr.api.metrics.GraphQlMetrics;

/**
 * Parsed and validated documents, kept by text from their second sighting on. A document
 * with literal arguments is new on almost every request: keeping each one cost an insert
 * and an eviction per request (6 % of CPU on varied traffic) and churned the heap, so a
 * text enters the cache only when a small lossy record of recent texts (hashes) says it
 * was seen before. A fixed document is parsed twice, then served from memory.
 */
final class PreparsedDocuments implements PreparsedDocumentProvider {

	private final Cache<String, PreparsedDocumentEntry> documents;

	private final AtomicLongArray seen;

	private final int mask;

	/**
	 * @param maxDocuments distinct documents kept
	 * @param seenSlots slots of the record of texts seen once (a power of two)
	 */
	PreparsedDocuments(int maxDocuments, int seenSlots) {
		if (Integer.bitCount(seenSlots) != 1) {
			throw new IllegalArgumentException("seenSlots must be a power of two: " + seenSlots);
		}
		this.documents = Caffeine.newBuilder().maximumSize(maxDocuments).build();
		this.seen = new AtomicLongArray(seenSlots);
		this.mask = seenSlots - 1;
	}

	@Override
	public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
			Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
		String query = input.getQuery();
		PreparsedDocumentEntry entry = this.documents.getIfPresent(query);
		if (entry != null) {
			// Its document stays in memory, so the limits' pass may be remembered.
			input.getGraphQLContext().put(DocumentLimitsInstrumentation.KEPT_DOCUMENT_KEY, Boolean.TRUE);
		}
		else {
			entry = parseAndValidate.apply(input);
			if (seenBefore(query)) {
				this.documents.put(query, entry);
			}
		}
		if (entry.hasErrors() && entry.getDocument() != null) {
			// Not executed, so never seen by the metrics' execution hook: it reads the
			// operation from here.
			input.getGraphQLContext().put(GraphQlMetrics.DOCUMENT_CONTEXT_KEY, entry.getDocument());
		}
		return CompletableFuture.completedFuture(entry);
	}

	/**
	 * Whether the text was recorded before, recording it now (a lossy, lock-free set).
	 */
	private boolean seenBefore(String query) {
		long hash = fingerprint(query);
		int slot = (int) (hash ^ (hash >>> 32)) & this.mask;
		return this.seen.getAndSet(slot, hash) == hash;
	}

	/** 64-bit hash of the text: a collision only admits a document early. */
	private static long fingerprint(String text) {
		long hash = 0xcbf29ce484222325L;
		for (int i = 0; i < text.length(); i++) {
			hash = (hash ^ text.charAt(i)) * 0x100000001b3L;
		}
		return (hash == 0) ? 1 : hash;
	}

	/** Whether the text is kept (for tests). */
	boolean isKept(String query) {
		return this.documents.getIfPresent(query) != null;
	}

}
