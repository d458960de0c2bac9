package app.flashcastr.consumer.deadletter;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import app.flashcastr.consumer.ConsumerIntegrationTest;
import app.flashcastr.consumer.TestWorld;
import app.flashcastr.contracts.messaging.Envelope;
import app.flashcastr.contracts.messaging.EnvelopeCodec;
import app.flashcastr.contracts.messaging.FlashReceived;
import app.flashcastr.contracts.messaging.FlashTopology;
import app.flashcastr.contracts.messaging.MessageType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Flashes dead-lettered on a real broker, counted by {@code GET /actuator/deadletters}
 * and brought back by {@code POST}: they are then pinned by the running consumer.
 */
@ConsumerIntegrationTest
class DeadLettersEndpointTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final EnvelopeCodec codec = new EnvelopeCodec();

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private RabbitTemplate rabbit;

	@Autowired
	private MeterRegistry registry;

	@Test
	void deadLettersAreCountedThenBroughtBackByReasonAndPinned() throws Exception {
		// Reasons of this test only, so other dead letters on the broker do not count.
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		String outage = "ipfs_error_" + suffix;
		String bad = "not_found_" + suffix;
		List<FlashReceived> flashes = TestWorld.storeNewFlashes(this.jdbc, 4);
		flashes.subList(0, 3).forEach((flash) -> deadLetter(flash, outage));
		deadLetter(flashes.get(3), bad);

		await().atMost(Duration.ofSeconds(10))
			.until(() -> census().path("byReason").path(outage).asLong() == 3
					&& census().path("byReason").path(bad).asLong() == 1);
		JsonNode census = census();
		assertThat(census.path("byType").path(MessageType.FLASH_RECEIVED.name()).asLong()).isGreaterThanOrEqualTo(4);

		HttpResponse<String> dryRun = post("{\"limit\": 10, \"reason\": \"" + outage + "\", \"dryRun\": true}",
				ConsumerIntegrationTest.MANAGEMENT_TOKEN);
		assertThat(dryRun.statusCode()).isEqualTo(200);
		assertThat(json.readTree(dryRun.body()).path("moved").asLong()).as("would move").isEqualTo(3);
		assertThat(census().path("byReason").path(outage).asLong()).as("a dry run moves nothing").isEqualTo(3);
		assertThat(TestWorld.missingCids(this.jdbc, flashes)).isEqualTo(4);

		HttpResponse<String> refused = post("{\"limit\": 10, \"reason\": \"" + outage + "\"}", null);
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.body()).contains("MANAGEMENT_TOKEN");

		HttpResponse<String> two = post("{\"limit\": 2, \"reason\": \"" + outage + "\"}",
				ConsumerIntegrationTest.MANAGEMENT_TOKEN);
		assertThat(two.statusCode()).isEqualTo(200);
		assertThat(json.readTree(two.body()).path("moved").asLong()).isEqualTo(2);
		await().atMost(Duration.ofSeconds(30)).until(() -> TestWorld.missingCids(this.jdbc, flashes) == 2);
		assertThat(census().path("byReason").path(outage).asLong()).isEqualTo(1);

		HttpResponse<String> rest = post("{\"limit\": 10, \"reason\": \"" + outage + "\"}",
				ConsumerIntegrationTest.MANAGEMENT_TOKEN);
		assertThat(json.readTree(rest.body()).path("moved").asLong()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(30)).until(() -> TestWorld.missingCids(this.jdbc, flashes) == 1);
		// The other reason stayed where it was.
		assertThat(census().path("byReason").path(bad).asLong()).isEqualTo(1);
		assertThat(census().path("byReason").has(outage)).isFalse();
		assertThat(this.registry.get("invaders_consumer_redriven").tag("reason", outage).counter().count())
			.isEqualTo(3);
		assertThat(get("/actuator/prometheus").body()).contains("invaders_consumer_redriven_total{");
	}

	@Test
	void aRedriveWithoutALimitIsRefused() throws Exception {
		assertThat(post("{\"reason\": \"ipfs_error\"}", ConsumerIntegrationTest.MANAGEMENT_TOKEN).statusCode())
			.isEqualTo(400);
	}

	/** As the consumer's intake does: the envelope to the dead-letter exchange. */
	private void deadLetter(FlashReceived flash, String reason) {
		Envelope<FlashReceived> envelope = Envelope.of(MessageType.FLASH_RECEIVED, Instant.now(), "invaders-bot",
				Envelope.correlationIdOf(flash.flashId()), flash);
		Message message = MessageBuilder.withBody(codec.encode(envelope))
			.setMessageId(envelope.id().toString())
			.setContentType(MessageProperties.CONTENT_TYPE_JSON)
			.setHeader(FlashTopology.DEATH_REASON_HEADER, reason)
			.setHeader(FlashTopology.DEATH_DETAIL_HEADER, "dead-lettered by the test")
			.build();
		CorrelationData correlation = new CorrelationData();
		this.rabbit.send(FlashTopology.DEAD_LETTER_EXCHANGE, MessageType.FLASH_RECEIVED.name(), message, correlation);
		await().atMost(Duration.ofSeconds(10)).until(() -> correlation.getFuture().isDone());
	}

	private JsonNode census() throws Exception {
		HttpResponse<String> response = get("/actuator/deadletters");
		assertThat(response.statusCode()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String body, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/deadletters"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
