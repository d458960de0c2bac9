package app.flashcastr.api.execution;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.language.Document;
import graphql.parser.Parser;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorType;

import app.flashcastr.api.hardening.DocumentLimitsInstrumentation;
import app.flashcastr.api.metrics.GraphQlMetrics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A document is kept from its second sighting on, so one-off documents (literal
 * arguments) never churn the cache, and a kept one is marked for the limits' memory.
 */
class PreparsedDocumentsTests {

	private final AtomicInteger parses = new AtomicInteger();

	private PreparsedDocumentEntry parse(ExecutionInput input) {
		this.parses.incrementAndGet();
		return new PreparsedDocumentEntry(Parser.parse(input.getQuery()));
	}

	@Test
	void aDocumentIsKeptFromItsSecondSightingOn() {
		PreparsedDocuments documents = new PreparsedDocuments(10, 64, new LiteralArguments(10, 64));
		String query = "{ getAllCities }";
		ExecutionInput first = ExecutionInput.newExecutionInput(query).build();
		documents.getDocumentAsync(first, this::parse).join();
		assertThat(documents.isKept(query)).isFalse();
		assertThat(first.getGraphQLContext().hasKey(DocumentLimitsInstrumentation.KEPT_DOCUMENT_KEY)).isFalse();
		documents.getDocumentAsync(ExecutionInput.newExecutionInput(query).build(), this::parse).join();
		assertThat(documents.isKept(query)).isTrue();
		ExecutionInput third = ExecutionInput.newExecutionInput(query).build();
		PreparsedDocumentEntry served = documents.getDocumentAsync(third, this::parse).join();
		assertThat(this.parses).hasValue(2);
		assertThat(served.getDocument()).isNotNull();
		assertThat(third.getGraphQLContext().<Boolean>get(DocumentLimitsInstrumentation.KEPT_DOCUMENT_KEY)).isTrue();
	}

	@Test
	void documentsSeenOnceAreNeverKept() {
		PreparsedDocuments documents = new PreparsedDocuments(10, 64, new LiteralArguments(10, 64));
		for (int i = 0; i < 500; i++) {
			String query = "{ globalFlash(flash_id: \"" + i + "\") { city } }";
			documents.getDocumentAsync(ExecutionInput.newExecutionInput(query).build(), this::parse).join();
			assertThat(documents.isKept(query)).isFalse();
		}
		assertThat(this.parses).hasValue(500);
	}

	@Test
	void anInvalidDocumentLeavesItsOperationForTheMetrics() {
		PreparsedDocuments documents = new PreparsedDocuments(10, 64, new LiteralArguments(10, 64));
		String query = "query Probe { noSuchField }";
		for (int i = 0; i < 3; i++) {
			ExecutionInput input = ExecutionInput.newExecutionInput(query).build();
			PreparsedDocumentEntry entry = documents.getDocumentAsync(input,
					(in) -> new PreparsedDocumentEntry(Parser.parse(in.getQuery()),
							java.util.List.of(ValidationError.newValidationError()
								.validationErrorType(ValidationErrorType.FieldUndefined)
								.description("no such field")
								.build())))
				.join();
			assertThat(entry.hasErrors()).isTrue();
			assertThat(input.getGraphQLContext().<Document>get(GraphQlMetrics.DOCUMENT_CONTEXT_KEY)).isNotNull();
		}
		assertThat(documents.isKept(query)).isTrue();
	}

}
