package app.flashcastr.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import graphql.introspection.Introspection;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.ResponseError;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile documents are refused with a clear error and no internals.
 */
@CoreApiTest
class HostileDocumentTests extends CoreApiTestSupport {

	HostileDocumentTests(@LocalServerPort int port, JdbcClient jdbc) {
		super(port, jdbc);
	}

	@Test
	void depthElevenIsRefused() {
		this.graphQl
			.document("{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { "
					+ "ofType { name } } } } } } } } } } }")
			.execute()
			.errors()
			.satisfy((errors) -> assertRefused(errors, "depth"));
	}

	@Test
	void introspectionIsOffByDefault() {
		this.graphQl.document("{ __schema { types { name } } }")
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors).singleElement()
				.satisfies((error) -> assertThat(error.getExtensions()).containsEntry("classification",
						"IntrospectionDisabled")));
	}

	@Test
	void depthTenIsServed() {
		// Boot switches introspection off JVM-wide (graphql-java's static switch) when a
		// context disables it: on for this test only, the deepest legal document here.
		boolean before = Introspection.enabledJvmWide(true);
		try {
			depthTen();
		}
		finally {
			Introspection.enabledJvmWide(before);
		}
	}

	private void depthTen() {
		this.graphQl
			.document("{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { "
					+ "name } } } } } } } } } }")
			.execute()
			.errors()
			.verify()
			.path("__schema.types")
			.entityList(Object.class)
			.hasSizeGreaterThan(10);
	}

	@Test
	void tenThousandAliasesAreRefused() {
		String aliases = IntStream.range(0, 10_000)
			.mapToObj((i) -> "a" + i + ": __typename")
			.collect(Collectors.joining(" "));
		this.graphQl.document("{ " + aliases + " }")
			.execute()
			.errors()
			.satisfy((errors) -> assertRefused(errors, "too large"));
	}

	@Test
	void tooManyFieldsWithinTheSizeLimitAreRefused() {
		String aliases = IntStream.range(0, 3_000)
			.mapToObj((i) -> "a" + i + ":getAllCities")
			.collect(Collectors.joining(" "));
		this.graphQl.document("{ " + aliases + " }")
			.execute()
			.errors()
			.satisfy((errors) -> assertRefused(errors, "complexity"));
	}

	@Test
	void aRefusedDocumentIsRefusedEveryTime() {
		// Kept by the preparsed-document cache from the second request on: only passes
		// are remembered.
		String aliases = IntStream.range(0, 1_500)
			.mapToObj((i) -> "a" + i + ":getAllCities")
			.collect(Collectors.joining(" "));
		for (int i = 0; i < 4; i++) {
			this.graphQl.document("{ " + aliases + " }")
				.execute()
				.errors()
				.satisfy((errors) -> assertRefused(errors, "complexity"));
		}
	}

	@Test
	void aSelectionIncludedByAVariableIsCheckedOnEveryRequest() {
		// The same kept document passes while the selection is skipped, and is refused
		// once a variable includes it: a pass is never remembered across variables.
		String aliases = IntStream.range(0, 1_500)
			.mapToObj((i) -> "a" + i + ":getAllCities")
			.collect(Collectors.joining(" "));
		String document = "query Many($many: Boolean!) { getAllCities ... @include(if: $many) { " + aliases + " } }";
		for (int i = 0; i < 3; i++) {
			this.graphQl.document(document)
				.variable("many", false)
				.execute()
				.errors()
				.verify()
				.path("getAllCities")
				.entityList(String.class)
				.hasSizeGreaterThan(0);
		}
		this.graphQl.document(document)
			.variable("many", true)
			.execute()
			.errors()
			.satisfy((errors) -> assertRefused(errors, "complexity"));
	}

	@Test
	void aKeptDocumentWithinTheLimitsIsServedEveryTime() {
		for (int i = 0; i < 4; i++) {
			this.graphQl.document("query Cities { getAllCities }")
				.execute()
				.errors()
				.verify()
				.path("getAllCities")
				.entityList(String.class)
				.hasSizeGreaterThan(0);
		}
	}

	@Test
	void aMegabyteDocumentIsRefusedBeforeItIsRead() throws Exception {
		String document = "{ getAllCities " + "#".repeat(1024 * 1024) + "\n}";
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/graphql"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"" + document.replace("\n", "\\n") + "\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.body()).contains("Request too large")
			.contains("BAD_USER_INPUT")
			.doesNotContain("Exception");
	}

	@Test
	void wrongArgumentTypesAreValidationErrors() {
		for (String document : List.of("{ globalFlashes(limit: \"many\") { flash_id } }",
				"{ progress(fid: 1) { date } }", "{ flash(id: \"x\") { id } }", "{ nope }")) {
			this.graphQl.document(document)
				.execute()
				.errors()
				.satisfy((errors) -> assertThat(errors).isNotEmpty()
					.allSatisfy((error) -> assertThat(error.getExtensions()).containsEntry("classification",
							"ValidationError")));
		}
	}

	@Test
	void upstreamsRootPathServesGraphQl() {
		CoreApiTestSupport.tester(this.port, "/")
			.document("{ getAllCities }")
			.execute()
			.path("getAllCities")
			.entityList(String.class)
			.contains("London", "Paris");
	}

	private static void assertRefused(List<ResponseError> errors, String reason) {
		assertThat(errors).hasSize(1);
		ResponseError error = errors.get(0);
		assertThat(error.getMessage()).containsIgnoringCase(reason).doesNotContain("\tat ", "Exception");
	}

}
