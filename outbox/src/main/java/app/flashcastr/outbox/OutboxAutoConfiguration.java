package app.flashcastr.outbox;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import app.flashcastr.contracts.messaging.EnvelopeCodec;
import app.flashcastr.observability.metrics.ServiceMeters;

/**
 * The outbox and its relay, for every service that has both a database and RabbitMQ. One
 * implementation: the producer announces stored flashes and the consumer pinned ones
 * through the same path.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
		"org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
		"app.flashcastr.observability.metrics.ServiceMetricsAutoConfiguration" })
@ConditionalOnClass(name = "org.springframework.amqp.rabbit.core.RabbitTemplate")
@ConditionalOnBean({ RabbitTemplate.class, JdbcTemplate.class, ServiceMeters.class })
@EnableConfigurationProperties(OutboxProperties.class)
class OutboxAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EnvelopeCodec envelopeCodec() {
		return new EnvelopeCodec();
	}

	@Bean
	TraceParents outboxTraceParents(Tracer tracer, Propagator propagator) {
		return new TraceParents(tracer, propagator);
	}

	@Bean
	Outbox outbox(JdbcTemplate jdbc, EnvelopeCodec codec, TraceParents traceParents) {
		return new Outbox(jdbc, codec, traceParents);
	}

	@Bean
	PublishMetrics outboxPublishMetrics(ServiceMeters meters) {
		return new PublishMetrics(meters);
	}

	@Bean
	OutboxGauges outboxGauges(Outbox outbox, ServiceMeters meters) {
		return new OutboxGauges(outbox, java.time.Clock.systemUTC(), meters);
	}

	@Bean
	OutboxRelay outboxRelay(Outbox outbox, RabbitTemplate rabbitTemplate, TransactionTemplate transactions,
			TraceParents traceParents, PublishMetrics metrics, OutboxProperties properties) {
		// The relay's own template: it writes the trace header itself from the stored
		// traceparent, so the per-publish observation (a second span and timer per
		// message) is off here and stays on for every other sender.
		RabbitTemplate relayTemplate = new RabbitTemplate(rabbitTemplate.getConnectionFactory());
		relayTemplate.setMandatory(true);
		relayTemplate.setObservationEnabled(false);
		return new OutboxRelay(outbox, relayTemplate, transactions, traceParents, metrics, properties);
	}

	@Bean
	RelaySchedule outboxRelaySchedule(OutboxRelay relay, OutboxProperties properties) {
		return new RelaySchedule(relay, properties);
	}

}
