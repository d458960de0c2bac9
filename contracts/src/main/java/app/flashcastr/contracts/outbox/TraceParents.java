package app.flashcastr.contracts.outbox;

import java.util.HashMap;
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
		Map<String, String> carrier = new HashMap<>(2);
		this.propagator.inject(context, carrier, Map::put);
		return carrier.get(TRACEPARENT);
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

	/** Writes the span's context into the message headers ({@code traceparent}). */
	void inject(Span span, MessageProperties headers) {
		this.propagator.inject(span.context(), headers, MessageProperties::setHeader);
	}

	Tracer.SpanInScope inScope(Span span) {
		return this.tracer.withSpan(span);
	}

}
