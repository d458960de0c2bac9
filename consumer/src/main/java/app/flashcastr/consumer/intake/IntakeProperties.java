package app.flashcastr.consumer.intake;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The queue listener ({@code invaders.consumer.intake.*}); its concurrency, batch size
 * ({@code INTAKE_BATCH_SIZE}) and prefetch are Boot's
 * {@code spring.rabbitmq.listener.simple.*}.
 *
 * @param slowThreshold a message slower than this (receive → ack) is counted as slow
 * @param queueDepthMaxAge longest a queue depth read from the broker is reused by a
 * scrape (the gauge reads the broker when scraped)
 * @param backlogWarning queue depth from which backpressure is "warning"
 * @param backlogCritical queue depth from which backpressure is "critical"
 * @param ageWarning age of the newest received message from which backpressure is
 * "warning"
 * @param ageCritical age of the newest received message from which backpressure is
 * "critical"
 * @param batchWait how long a batch of messages is gathered before it goes to work with
 * what arrived ({@code INTAKE_BATCH_WAIT})
 */
@Validated
@ConfigurationProperties("invaders.consumer.intake")
record IntakeProperties(@NotNull @DefaultValue("5s") Duration slowThreshold,
		@NotNull @DefaultValue("1s") Duration queueDepthMaxAge, @Min(1) @DefaultValue("1000") long backlogWarning,
		@Min(1) @DefaultValue("10000") long backlogCritical, @NotNull @DefaultValue("60s") Duration ageWarning,
		@NotNull @DefaultValue("5m") Duration ageCritical, @NotNull @DefaultValue("20ms") Duration batchWait) {
}
