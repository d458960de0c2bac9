package app.flashcastr.contracts.messaging;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import app.flashcastr.contracts.messaging.MalformedMessageException.Reason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Golden files pin the wire format: a change here is a change every service must agree
 * to.
 */
class EnvelopeCodecTests {

	private static final UUID CORRELATION = UUID.fromString("0b6f3f8e-9a2c-3d4e-8f50-617283940a1b");

	private final EnvelopeCodec codec = new EnvelopeCodec();

	@Test
	void flashReceivedIsWrittenExactlyAsTheGoldenFile() throws IOException {
		Envelope<FlashReceived> envelope = new Envelope<>(UUID.fromString("6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b"),
				"flash.received", 1, Instant.parse("2026-11-22T10:15:30Z"), "invaders-bot", CORRELATION,
				new FlashReceived(77376123L, "/media/queries/2026/11/22/img_xQTRlhi.jpg", "Tokyo",
						"TK_123 flashed at dusk", "SPACEFAN", 1763806530L, "1234",
						Instant.parse("2026-11-22T10:15:30Z")));

		assertThat(new String(this.codec.encode(envelope), StandardCharsets.UTF_8))
			.isEqualTo(golden("flash-received-v1.json"));
		assertThat(this.codec.decode(golden("flash-received-v1.json").getBytes(StandardCharsets.UTF_8),
				MessageType.FLASH_RECEIVED))
			.isEqualTo(envelope);
	}

	@Test
	void flashPinnedIsWrittenExactlyAsTheGoldenFile() throws IOException {
		Envelope<FlashPinned> envelope = new Envelope<>(UUID.fromString("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"),
				"flash.pinned", 1, Instant.parse("2026-11-22T10:15:42Z"), "invaders-consumer", CORRELATION,
				new FlashPinned(77376123L, "SPACEFAN", "Tokyo", "QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG",
						Instant.parse("2026-11-22T10:15:30Z"), Instant.parse("2026-11-22T10:15:42Z")));

		assertThat(new String(this.codec.encode(envelope), StandardCharsets.UTF_8))
			.isEqualTo(golden("flash-pinned-v1.json"));
		assertThat(this.codec.decode(golden("flash-pinned-v1.json").getBytes(StandardCharsets.UTF_8),
				MessageType.FLASH_PINNED))
			.isEqualTo(envelope);
	}

	@Test
	void unknownFieldsAreIgnoredSoProducersCanAddFieldsFirst() {
		String withExtra = "{\"id\":\"6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b\",\"type\":\"flash.received\",\"version\":1,"
				+ "\"occurred_at\":\"2026-11-22T10:15:30Z\",\"source\":\"invaders-bot\",\"correlation_id\":\""
				+ CORRELATION + "\",\"future\":true,\"payload\":{\"flash_id\":1,\"img\":\"/a.jpg\",\"city\":\"X\","
				+ "\"text\":\"\",\"player\":\"P\",\"timestamp\":1,\"flash_count\":\"1\",\"first_seen_at\":"
				+ "\"2026-11-22T10:15:30Z\",\"new_field\":42}}";
		assertThat(this.codec.decode(bytes(withExtra), MessageType.FLASH_RECEIVED).payload().flashId()).isEqualTo(1);
	}

	@Test
	void everyUnprocessableMessageNamesItsReason() {
		assertReason("not json at all", Reason.MALFORMED_JSON);
		assertReason("[1,2,3]", Reason.MALFORMED_JSON);
		assertReason(golden("flash-received-v1.json").replace("\"version\":1", "\"version\":2"),
				Reason.UNSUPPORTED_VERSION);
		assertReason(golden("flash-received-v1.json").replace("flash.received", "flash.exploded"), Reason.UNKNOWN_TYPE);
		assertReason(golden("flash-received-v1.json").replace("\"flash_id\":77376123", "\"flash_id\":\"x\""),
				Reason.INVALID_PAYLOAD);
		assertReason(golden("flash-received-v1.json").replace("\"correlation_id\"", "\"correlation\""),
				Reason.INVALID_PAYLOAD);
		assertReason(golden("flash-received-v1.json") + " trailing", Reason.MALFORMED_JSON);
		assertReason(golden("flash-received-v1.json").replace("\"payload\":{", "\"payload\":{\"flash_id\":"),
				Reason.MALFORMED_JSON);
		assertReason(golden("flash-received-v1.json").replace("\"first_seen_at\":\"", "\"first_seen_at\":\"x"),
				Reason.INVALID_PAYLOAD);
	}

	@Test
	void thePayloadMayComeBeforeTypeAndVersion() {
		String payloadFirst = "{\"payload\":{\"flash_id\":1,\"img\":\"/a.jpg\",\"city\":\"X\",\"text\":\"\","
				+ "\"player\":\"P\",\"timestamp\":1,\"flash_count\":\"1\",\"first_seen_at\":\"2026-11-22T10:15:30Z\"},"
				+ "\"id\":\"6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b\",\"type\":\"flash.received\",\"version\":1,"
				+ "\"occurred_at\":\"2026-11-22T10:15:30Z\",\"source\":\"invaders-bot\",\"correlation_id\":\""
				+ CORRELATION + "\"}";
		assertThat(this.codec.decode(bytes(payloadFirst), MessageType.FLASH_RECEIVED).payload().flashId()).isEqualTo(1);
		assertReason(payloadFirst.replace("flash.received", "flash.exploded"), Reason.UNKNOWN_TYPE);
	}

	@Test
	void correlationIdsAreStablePerFlash() {
		assertThat(Envelope.correlationIdOf(77376123L)).isEqualTo(Envelope.correlationIdOf(77376123L))
			.isNotEqualTo(Envelope.correlationIdOf(77376124L));
	}

	private void assertReason(String body, Reason reason) {
		assertThatExceptionOfType(MalformedMessageException.class)
			.isThrownBy(() -> this.codec.decode(bytes(body), MessageType.FLASH_RECEIVED))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(reason));
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	private static String golden(String name) {
		try (InputStream in = EnvelopeCodecTests.class.getResourceAsStream("/golden/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
