package app.flashcastr.api.execution;

import java.util.concurrent.CompletableFuture;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import io.micrometer.observation.ObservationPredicate;

import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import app.flashcastr.api.metrics.GraphQlMetrics;

/**
 * Two costs the API benchmark's profile showed on every request: parsing and validating
 * the same query text again (13 % of CPU), and a Micrometer observation around every
 * resolved field (11 %, plus its span). The front end sends a handful of fixed documents,
 * so they are parsed once; the operation itself stays one span with its metrics (whose
 * operation type comes from execution, not from the validation a cached document skips).
 */
@Configuration(proxyBeanMethods = false)
class ExecutionConfiguration {

	/**
	 * Distinct documents kept; the front end uses a few dozen, so this bounds memory
	 * against random texts.
	 */
	private static final int MAX_DOCUMENTS = 1_000;

	@Bean
	GraphQlSourceBuilderCustomizer preparsedDocuments() {
		Cache<String, PreparsedDocumentEntry> documents = Caffeine.newBuilder().maximumSize(MAX_DOCUMENTS).build();
		PreparsedDocumentProvider provider = (input, parseAndValidate) -> {
			PreparsedDocumentEntry entry = documents.get(input.getQuery(), (query) -> parseAndValidate.apply(input));
			if (entry.hasErrors() && entry.getDocument() != null) {
				// Not executed, so never seen by the metrics' execution hook: it reads
				// the operation from here.
				input.getGraphQLContext().put(GraphQlMetrics.DOCUMENT_CONTEXT_KEY, entry.getDocument());
			}
			return CompletableFuture.completedFuture(entry);
		};
		return (builder) -> builder.configureGraphQl((graphQl) -> graphQl.preparsedDocumentProvider(provider));
	}

	@Bean
	ObservationPredicate noObservationPerField() {
		// "graphql.request" (the operation) is kept: it is the span in the trace and
		// feeds graphql_request_seconds.
		return (name, context) -> !"graphql.datafetcher".equals(name);
	}

}
