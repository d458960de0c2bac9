package app.flashcastr.consumer.intake;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.amqp.core.MessageProperties;
import org.springframework.stereotype.Component;

/**
 * The CONSUMER span of each received flash, continuing the trace its {@code traceparent}
 * header carries (written by the producer's outbox relay), with the messaging attributes
 * of the OpenTelemetry conventions, so Tempo's service graph pairs it with the producer's
 * PRODUCER span.
 */
@Component
class ReceiveSpans {

	private static final String TRACEPARENT = "traceparent";

	private final Tracer tracer;

	private final Propagator propagator;

	ReceiveSpans(Tracer tracer, Propagator propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	/**
	 * Starts the CONSUMER span of one received message, continuing the trace its
	 * {@code traceparent} header carries (a new trace when it has none).
	 */
	Span start(MessageProperties headers, String name) {
		Span.Builder builder = (headers.getHeader(TRACEPARENT) != null)
				? this.propagator.extract(headers, (carrier, key) -> {
					Object value = carrier.getHeader(key);
					return (value != null) ? value.toString() : null;
				}) : this.tracer.spanBuilder();
		Span.Builder consumer = builder.name(name)
			.kind(Span.Kind.CONSUMER)
			.tag("messaging.system", "rabbitmq")
			.tag("messaging.destination.name", headers.getConsumerQueue() != null ? headers.getConsumerQueue() : "")
			.tag("messaging.operation", "process")
			.tag("messaging.operation.type", "process");
		if (headers.getMessageId() != null) {
			consumer.tag("messaging.message.id", headers.getMessageId());
		}
		return consumer.start();
	}

	/** Makes the span current on this thread until the scope closes. */
	Tracer.SpanInScope inScope(Span span) {
		return this.tracer.withSpan(span);
	}

}
