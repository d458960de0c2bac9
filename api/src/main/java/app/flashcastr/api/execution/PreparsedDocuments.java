package app.flashcastr.api.execution;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.GraphQLContext;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;

import app.flashcastr.api.hardening.DocumentLimitsInstrumentation;
import app.flashcastr.api.metrics.GraphQlMetrics;

/**
 * Parsed and validated documents, kept by text from their second sighting on. A document
 * with literal arguments is new on almost every request: keeping each one cost an insert
 * and an eviction per request (6 % of CPU on varied traffic) and churned the heap, so a
 * text enters the cache only when a small lossy record of recent texts says it was seen
 * before. A fixed document is parsed twice, then served from memory; a document that
 * differs from a known one only in its literal arguments is served by
 * {@link LiteralArguments} without being parsed.
 */
final class PreparsedDocuments implements PreparsedDocumentProvider {

	private final Cache<String, PreparsedDocumentEntry> documents;

	private final SeenTexts seen;

	private final LiteralArguments literals;

	/**
	 * @param maxDocuments distinct documents kept
	 * @param seenSlots slots of the record of texts seen once (a power of two)
	 * @param literals documents kept by their shape, without their literal arguments
	 */
	PreparsedDocuments(int maxDocuments, int seenSlots, LiteralArguments literals) {
		this.documents = Caffeine.newBuilder().maximumSize(maxDocuments).build();
		this.seen = new SeenTexts(seenSlots);
		this.literals = literals;
	}

	@Override
	public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
			Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
		String query = input.getQuery();
		GraphQLContext context = input.getGraphQLContext();
		PreparsedDocumentEntry entry = this.literals.documentChosenFor(context);
		if (entry == null) {
			entry = this.documents.getIfPresent(query);
		}
		if (entry != null) {
			// Its document stays in memory, so the limits' pass may be remembered.
			context.put(DocumentLimitsInstrumentation.KEPT_DOCUMENT_KEY, Boolean.TRUE);
		}
		else {
			entry = parseAndValidate.apply(input);
			if (!entry.hasErrors()) {
				this.literals.learn(context, query, entry.getDocument());
			}
			if (this.seen.seenBefore(query)) {
				this.documents.put(query, entry);
			}
		}
		if (entry.hasErrors() && entry.getDocument() != null) {
			// Not executed, so never seen by the metrics' execution hook: it reads the
			// operation from here.
			context.put(GraphQlMetrics.DOCUMENT_CONTEXT_KEY, entry.getDocument());
		}
		return CompletableFuture.completedFuture(entry);
	}

	/** Whether the text is kept (for tests). */
	boolean isKept(String query) {
		return this.documents.getIfPresent(query) != null;
	}

}
