package app.flashcastr.api.execution;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import app.flashcastr.api.CoreApiTest;
import app.flashcastr.api.Seed;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Documents that differ only in their literal arguments, served from one kept document
 * with the literals as variables: the answers, errors and locations are those of the text
 * parsed on its own.
 */
@CoreApiTest
class LiteralArgumentsTests {

	private final HttpGraphQlTester graphQl;

	private final LiteralArguments literals;

	LiteralArgumentsTests(@LocalServerPort int port, JdbcClient jdbc, LiteralArguments literals) {
		Seed.ensure(jdbc);
		this.literals = literals;
		this.graphQl = HttpGraphQlTester.create(WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + port + "/graphql")
			.responseTimeout(Duration.ofSeconds(20))
			.build());
	}

	@Test
	void aShapeIsKeptFromItsSecondSightingAndAnswersAsTheVariablesFormDoes() {
		// unifiedFlash's owner comes through a DataLoader.
		String shape = "query OneFlash { globalFlash(flash_id: \"%s\") { flash_id city player } "
				+ "flashes(fid: %d, limit: %d, city: \"%s\") { flash_id flash { city } } "
				+ "unifiedFlash(flash_id: \"%1$s\") { farcaster_user { username } } }";
		String variablesForm = "query OneFlash($id: String!, $fid: Int, $limit: Int, $city: String) { "
				+ "globalFlash(flash_id: $id) { flash_id city player } "
				+ "flashes(fid: $fid, limit: $limit, city: $city) { flash_id flash { city } } "
				+ "unifiedFlash(flash_id: $id) { farcaster_user { username } } }";
		literal(shape.formatted("1", 101, 2, "Paris"));
		assertThat(this.literals.hoists(shape.formatted("2", 102, 3, "Tokyo"))).isFalse();
		literal(shape.formatted("2", 102, 3, "Tokyo"));
		assertThat(this.literals.hoists(shape.formatted("3", 103, 4, "Morde"))).isTrue();

		Random random = new Random(42);
		List<String> cities = List.of("Paris", "Tokyo", "Rome1", "paris", "Oslo2");
		for (int i = 0; i < 40; i++) {
			String id = Integer.toString(1 + random.nextInt(9));
			int fid = 101 + random.nextInt(7);
			int limit = 1 + random.nextInt(9);
			String city = cities.get(random.nextInt(cities.size()));
			Map<String, Object> expected = this.graphQl.document(variablesForm)
				.variable("id", id)
				.variable("fid", fid)
				.variable("limit", limit)
				.variable("city", city)
				.execute()
				.returnResponse()
				.toMap();
			assertThat(literal(shape.formatted(id, fid, limit, city)))
				.as("id %s, fid %d, limit %d, city %s", id, fid, limit, city)
				.isEqualTo(expected);
		}
	}

	@Test
	void anErrorKeepsItsMessagePathAndLocations() {
		String shape = "{\n  globalFlash(flash_id: \"%s\") {\n    flash_id\n  }\n}";
		Map<String, Object> parsed = literal(shape.formatted("not-a-number"));
		literal(shape.formatted("not-a-numbe2"));
		assertThat(this.literals.hoists(shape.formatted("not-a-number"))).isTrue();

		Map<String, Object> kept = literal(shape.formatted("not-a-number"));

		assertThat(parsed).containsKey("errors");
		assertThat(kept).isEqualTo(parsed);
	}

	@Test
	void anIntegerBeyond32BitsIsRefusedByValidationAsBefore() {
		String shape = "{ flash(id: %d) { id } }";
		literal(shape.formatted(1_000_000_001L));
		literal(shape.formatted(1_000_000_002L));
		assertThat(this.literals.hoists(shape.formatted(1_000_000_003L))).isTrue();

		List<ResponseError> errors = this.graphQl.document(shape.formatted(9_999_999_999L))
			.execute()
			.returnResponse()
			.getErrors();

		assertThat(errors).hasSize(1);
		assertThat(errors.get(0).getErrorType().toString()).isEqualTo("ValidationError");
		assertThat(errors.get(0).getMessage()).contains("9999999999");
	}

	@Test
	void aLiteralThatIsNotAnArgumentMustMatchTheKeptOne() {
		String shape = "query Cities($city: String = \"%s\") { globalFlashes(city: $city, limit: 50) { city } }";
		literal(shape.formatted("Paris"));
		literal(shape.formatted("Paris"));
		assertThat(this.literals.hoists(shape.formatted("Paris"))).isTrue();

		assertThat(cities(literal(shape.formatted("Tokyo")))).containsOnly("tokyo").isNotEmpty();
		assertThat(cities(literal(shape.formatted("Paris")))).containsOnly("paris").isNotEmpty();
	}

	@Test
	void mutationsAreAlwaysParsed() {
		String shape = "mutation { deleteUser(fid: %d) { success } }";
		for (int fid = 900; fid < 903; fid++) {
			literal(shape.formatted(fid));
		}
		assertThat(this.literals.hoists(shape.formatted(904))).isFalse();
	}

	private Map<String, Object> literal(String document) {
		return this.graphQl.document(document).execute().returnResponse().toMap();
	}

	@SuppressWarnings("unchecked")
	private static List<String> cities(Map<String, Object> response) {
		Map<String, Object> data = (Map<String, Object>) response.get("data");
		return ((List<Map<String, Object>>) data.get("globalFlashes")).stream()
			.map((flash) -> ((String) flash.get("city")).toLowerCase(Locale.ROOT))
			.toList();
	}

}
