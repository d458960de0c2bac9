package app.flashcastr.producer;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of invaders.bot ({@code invaders.bot.*}); application.yml maps upstream's
 * environment variables onto them.
 *
 * @param feed the Space Invaders feed client
 * @param sync schedule and gates of the sync job
 */
@Validated
@ConfigurationProperties("invaders.bot")
public record ProducerProperties(@Valid @NotNull @DefaultValue Feed feed, @Valid @NotNull @DefaultValue Sync sync) {

	/**
	 * The feed client.
	 *
	 * @param baseUrl feed host; the path {@code /flashinvaders/flashes/} (trailing slash
	 * required) is appended
	 * @param connectTimeout TCP connect timeout
	 * @param readTimeout whole-response timeout of one call
	 * @param maxAttempts attempts per sync run (1 = no retry)
	 * @param retryBaseDelay first retry delay; doubles each attempt, with full jitter
	 * @param maxRetryDelay cap of one retry delay, also of an honoured
	 * {@code Retry-After}
	 * @param proxies optional HTTP proxies ({@code http://user:pass@host:port}), rotated
	 * on 407 and failures
	 * @param proxyStrikes failures after which a proxy is rested for {@code proxyRest}
	 * @param proxyRest how long a failing proxy is skipped
	 * @param userAgent User-Agent header sent with every call
	 */
	public record Feed(@NotNull @DefaultValue("https://api.space-invaders.com") URI baseUrl,
			@NotNull @DefaultValue("5s") Duration connectTimeout, @NotNull @DefaultValue("15s") Duration readTimeout,
			@Min(1) @Max(10) @DefaultValue("3") int maxAttempts, @NotNull @DefaultValue("1s") Duration retryBaseDelay,
			@NotNull @DefaultValue("30s") Duration maxRetryDelay, @NotNull @DefaultValue List<URI> proxies,
			@Min(1) @DefaultValue("3") int proxyStrikes, @NotNull @DefaultValue("10m") Duration proxyRest,
			@NotNull @DefaultValue("Mozilla/5.0 (X11; Linux x86_64) invaders-bot/1.0") String userAgent) {
	}

	/**
	 * The sync job.
	 *
	 * @param enabled whether the schedule runs (tests call the job directly)
	 * @param interval time between the end of one run and the start of the next
	 * @param runAtStartup run once immediately at start-up, as upstream does
	 * @param zone zone of the off-peak window
	 * @param offPeakStartHour first off-peak hour (inclusive)
	 * @param offPeakEndHour first peak hour after the night (exclusive end of off-peak)
	 * @param offPeakSkipProbability share of off-peak runs skipped
	 * @param maxBackoffRuns unchanged runs after which the backoff skip probability stops
	 * growing (n × 0.1)
	 * @param maxBackoffSkipsInARow backoff skips after which the next run calls the feed
	 * whatever the draw: the skip only ever changes on a feed call, so without this bound
	 * ten unchanged runs would make it certain and the feed would never be read again
	 * @param reannounceInterval a stored flash still missing a CID is announced again at
	 * most this often
	 */
	public record Sync(@DefaultValue("true") boolean enabled, @NotNull @DefaultValue("5m") Duration interval,
			@DefaultValue("true") boolean runAtStartup, @NotNull @DefaultValue("Europe/Paris") ZoneId zone,
			@Min(0) @Max(23) @DefaultValue("23") int offPeakStartHour,
			@Min(0) @Max(23) @DefaultValue("6") int offPeakEndHour,
			@DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0.5") double offPeakSkipProbability,
			@Min(1) @Max(100) @DefaultValue("10") int maxBackoffRuns,
			@Min(0) @Max(100) @DefaultValue("3") int maxBackoffSkipsInARow,
			@NotNull @DefaultValue("1h") Duration reannounceInterval) {
	}

}
