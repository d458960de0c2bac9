package app.flashcastr.outbox;

import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.amqp.core.MessageProperties;

/**
 * Carries a trace across the outbox table: the W3C {@code traceparent} of the writing
 * transaction is stored with the entry, and the relay's publish span continues that
 * trace, even when the publish happens minutes later. The receiving side (the CONSUMER
 * span) is the consumer's own.
 */
class TraceParents {

	private static final String TRACEPARENT = "traceparent";

	private final Tracer tracer;

	private final Propagator propagator;

	TraceParents(Tracer tracer, Propagator propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	/** The current trace as a traceparent header value, or null outside a trace. */
	String current() {
		TraceContext context = this.tracer.currentTraceContext().context();
		if (context == null) {
			return null;
		}
		// W3C trace context written directly: the propagator's carrier map cost a few
		// percent of the consumer's CPU per flash.
		return "00-" + context.traceId() + "-" + context.spanId()
				+ (Boolean.TRUE.equals(context.sampled()) ? "-01" : "-00");
	}

	/**
	 * Starts the PRODUCER span of one publish, continuing the stored trace (a new trace
	 * when there is none). PRODUCER, with the messaging attributes of the OpenTelemetry
	 * conventions, so that Tempo's service graph pairs it with the receiver's CONSUMER
	 * span (its child through the injected {@code traceparent}) into a service edge.
	 * @param traceParent the stored W3C traceparent, or null
	 * @param exchange the exchange published to
	 * @param routingKey the routing key
	 * @param messageId the AMQP message-id
	 * @return the started span
	 */
	Span startPublishing(String traceParent, String exchange, String routingKey, String messageId) {
		Span.Builder builder = (traceParent != null)
				? this.propagator.extract(Map.of(TRACEPARENT, traceParent), Map::get) : this.tracer.spanBuilder();
		return builder.name(exchange + " publish")
			.kind(Span.Kind.PRODUCER)
			.tag("messaging.system", "rabbitmq")
			.tag("messaging.destination.name", exchange)
			.tag("messaging.rabbitmq.destination.routing_key", routingKey)
			.tag("messaging.message.id", messageId)
			// "publish" in conventions up to 1.24; renamed "send" (with the operation's
			// own name "publish") since 1.26.
			.tag("messaging.operation", "publish")
			.tag("messaging.operation.type", "send")
			.tag("messaging.operation.name", "publish")
			.start();
	}

	/** Makes the span current on this thread until the scope closes. */
	Tracer.SpanInScope inScope(Span span) {
		return this.tracer.withSpan(span);
	}

	/** Writes the span's context into the message headers ({@code traceparent}). */
	void inject(Span span, MessageProperties headers) {
		this.propagator.inject(span.context(), headers, MessageProperties::setHeader);
	}

}
