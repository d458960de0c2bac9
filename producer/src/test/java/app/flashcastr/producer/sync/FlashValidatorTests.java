package app.flashcastr.producer.sync;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class FlashValidatorTests {

	private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void aWellFormedRowIsTrimmedAndKept() {
		FlashValidator.Result result = validate("""
				{"flash_id": 77376123, "img": " /media/a.jpg ", "city": " Tokyo ", "text": "hi",
				 "player": "Bob", "timestamp": 1763800000, "flash_count": "12"}""");
		assertThat(result).isInstanceOfSatisfying(FlashValidator.Valid.class, (valid) -> {
			assertThat(valid.flash().flashId()).isEqualTo(77376123L);
			assertThat(valid.flash().city()).isEqualTo("Tokyo");
			assertThat(valid.flash().img()).isEqualTo("/media/a.jpg");
			assertThat(valid.flash().takenAt()).isEqualTo(Instant.ofEpochSecond(1763800000));
		});
	}

	@Test
	void numericStringsAreCoercedAsUpstreamDoes() {
		assertThat(validate(
				"""
						{"flash_id": "77376123", "img": "/a.jpg", "city": "Tokyo", "player": "Bob", "timestamp": "1763800000"}"""))
			.isInstanceOf(FlashValidator.Valid.class);
	}

	@Test
	void eachRuleRejectsWithItsOwnReason() {
		assertReason("""
				{"flash_id": -5, "img": "/a.jpg", "city": "Tokyo", "player": "Bob", "timestamp": 1763800000}""",
				InvalidRowReason.INVALID_FLASH_ID);
		assertReason("""
				{"flash_id": "abc", "img": "/a.jpg", "city": "Tokyo", "player": "Bob", "timestamp": 1763800000}""",
				InvalidRowReason.INVALID_FLASH_ID);
		assertReason("""
				{"flash_id": 1, "img": "/a.jpg", "city": "Tokyo", "player": "Bob", "timestamp": 631152000}""",
				InvalidRowReason.INVALID_TIMESTAMP);
		assertReason("""
				{"flash_id": 1, "img": "/a.jpg", "city": "Tokyo", "player": "Bob", "timestamp": 4102444800}""",
				InvalidRowReason.INVALID_TIMESTAMP);
		assertReason("""
				{"flash_id": 1, "img": "/a.jpg", "city": "", "player": "Bob", "timestamp": 1763800000}""",
				InvalidRowReason.INVALID_CITY);
		assertReason("{\"flash_id\": 1, \"img\": \"/a.jpg\", \"city\": \"Tokyo\", \"player\": \"" + "x".repeat(101)
				+ "\", \"timestamp\": 1763800000}", InvalidRowReason.INVALID_PLAYER);
		assertReason("""
				{"flash_id": 1, "city": "Tokyo", "player": "Bob", "timestamp": 1763800000}""",
				InvalidRowReason.INVALID_IMG);
		assertReason("{\"flash_id\": 1, \"img\": \"/a.jpg\", \"city\": \"Tokyo\", \"player\": \"Bob\", \"text\": \""
				+ "x".repeat(1001) + "\", \"timestamp\": 1763800000}", InvalidRowReason.INVALID_TEXT);
		assertReason(
				"{\"flash_id\": 1, \"img\": \"/a.jpg\", \"city\": \"Tokyo\", \"player\": \"Bob\", "
						+ "\"flash_count\": \"" + "9".repeat(51) + "\", \"timestamp\": 1763800000}",
				InvalidRowReason.INVALID_FLASH_COUNT);
		assertReason("[1, 2]", InvalidRowReason.NOT_AN_OBJECT);
	}

	private void assertReason(String row, InvalidRowReason reason) {
		assertThat(validate(row)).isInstanceOfSatisfying(FlashValidator.Invalid.class,
				(invalid) -> assertThat(invalid.reason()).isEqualTo(reason));
	}

	private FlashValidator.Result validate(String row) {
		JsonNode node = this.json.readTree(row);
		return FlashValidator.validate(node, false, NOW);
	}

}
