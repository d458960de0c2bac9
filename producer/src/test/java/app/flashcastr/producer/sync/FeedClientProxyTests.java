package app.flashcastr.producer.sync;

import java.time.Clock;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.web.client.RestClient;

import app.flashcastr.observability.metrics.ServiceMeters;
import app.flashcastr.producer.ProducerProperties;
import app.flashcastr.simulators.feed.FeedSimulator;
import app.flashcastr.simulators.feed.FeedSimulatorSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls through HTTP proxies (upstream was IP-blocked and paid for proxies): a plain-HTTP
 * feed URL is requested in absolute form from the proxy, which a feed simulator answers
 * like a forwarding proxy would. A proxy answering 407 is skipped for the next one at
 * once.
 */
class FeedClientProxyTests {

	private final FeedSimulator goodProxy = FeedSimulator.start(FeedSimulatorSettings.defaults().withSeed(3));

	private final FeedSimulator authProxy = FeedSimulator.start(FeedSimulatorSettings.defaults().withSeed(4));

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@AfterEach
	void close() {
		this.goodProxy.close();
		this.authProxy.close();
	}

	@Test
	void theFeedIsReadThroughTheConfiguredProxy() {
		FeedClient client = client(this.goodProxy.baseUri().toString());

		FeedResponse response = client.fetch();

		assertThat(response.rows()).isEqualTo(300);
		assertThat(this.goodProxy.feedRequests()).isEqualTo(1);
		assertThat(apiCalls("success")).isEqualTo(1);
	}

	@Test
	void aProxyAsking407IsLeftForTheNextOneWithoutWaiting() {
		this.authProxy.faults().failWithStatus(407);
		FeedClient client = client(this.authProxy.baseUri() + "," + this.goodProxy.baseUri());

		FeedResponse response = client.fetch();

		assertThat(response.rows()).isEqualTo(300);
		assertThat(this.authProxy.feedRequests()).isEqualTo(1);
		assertThat(this.goodProxy.feedRequests()).isEqualTo(1);
		assertThat(apiCalls("error")).isEqualTo(1);
		assertThat(apiCalls("success")).isEqualTo(1);
	}

	private FeedClient client(String proxies) {
		// A host that does not resolve: only a proxy can answer for it.
		ProducerProperties properties = new Binder(new MapConfigurationPropertySource(
				Map.of("invaders.bot.feed.base-url", "http://feed.invalid", "invaders.bot.feed.proxies", proxies,
						"invaders.bot.feed.retry-base-delay", "10ms", "invaders.bot.feed.max-attempts", "3")))
			.bindOrCreate("invaders.bot", ProducerProperties.class);
		SyncMetrics metrics = new SyncMetrics(new ServiceMeters("test_bot", this.registry), Clock.systemUTC());
		return new FeedClient(properties, RestClient.builder(), metrics, Clock.systemUTC());
	}

	private double apiCalls(String result) {
		return this.registry.get("test_bot_api_calls").tag("result", result).counter().count();
	}

}
