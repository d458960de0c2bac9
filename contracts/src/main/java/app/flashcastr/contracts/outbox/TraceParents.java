package app.flashcastr.contracts.outbox;

import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.amqp.core.MessageProperties;

/**
 * Carries a trace across the outbox table: the W3C {@code traceparent} of the writing
 * transaction is stored with the entry, and the relay's publish span continues that
 * trace, even when the publish happens minutes later.
 */
public class TraceParents {

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
	 * Starts a span that continues the stored trace (or a new trace when there is none).
	 */
	Span startContinuing(String traceParent, String name) {
		if (traceParent == null) {
			return this.tracer.nextSpan().name(name).start();
		}
		return this.propagator.extract(Map.of(TRACEPARENT, traceParent), Map::get).name(name).start();
	}

	/**
	 * Starts the CONSUMER span of one received message, continuing the trace its
	 * {@code traceparent} header carries (a new trace when it has none).
	 */
	public Span startReceiving(MessageProperties headers, String name) {
		Span.Builder builder = (headers.getHeader(TRACEPARENT) != null)
				? this.propagator.extract(headers, (carrier, key) -> {
					Object value = carrier.getHeader(key);
					return (value != null) ? value.toString() : null;
				}) : this.tracer.spanBuilder();
		return builder.name(name)
			.kind(Span.Kind.CONSUMER)
			.tag("messaging.system", "rabbitmq")
			.tag("messaging.destination.name", headers.getConsumerQueue() != null ? headers.getConsumerQueue() : "")
			.start();
	}

	/** Makes the span current on this thread until the scope closes. */
	public Tracer.SpanInScope inScope(Span span) {
		return this.tracer.withSpan(span);
	}

	/** Writes the span's context into the message headers ({@code traceparent}). */
	void inject(Span span, MessageProperties headers) {
		this.propagator.inject(span.context(), headers, MessageProperties::setHeader);
	}

}
