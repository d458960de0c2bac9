package app.flashcastr.observability.logging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import org.slf4j.event.KeyValuePair;

import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.JsonWriterStructuredLogFormatter;
import org.springframework.core.env.Environment;

/**
 * One JSON object per log event, the shape Loki, Grafana and Tempo's "logs for this
 * trace" link expect: {@code timestamp}, {@code level}, {@code service}, {@code logger},
 * {@code thread}, {@code message}, {@code trace_id} and {@code span_id} (when a span is
 * current), {@code context} (other MDC entries and SLF4J key/values) and a short
 * {@code exception} summary (type, message, root cause, first frames) instead of a full
 * stack trace.
 * <p>
 * Used for the console through Boot's {@code StructuredLogEncoder} (this class's name is
 * its {@code format}) and for Loki through {@link JsonLogLayout}.
 */
public final class JsonLogFormatter extends JsonWriterStructuredLogFormatter<ILoggingEvent> {

	/**
	 * Frames kept from the top of the stack: enough to locate the failure, short enough
	 * for Loki.
	 */
	static final int MAX_FRAMES = 10;

	/** MDC keys Micrometer Tracing fills for the current span. */
	private static final String MDC_TRACE_ID = "traceId";

	private static final String MDC_SPAN_ID = "spanId";

	/**
	 * Called by Boot's structured logging with the application's environment.
	 * @param environment source of {@code spring.application.name}
	 */
	public JsonLogFormatter(Environment environment) {
		this(environment.getProperty("spring.application.name", "unknown"));
	}

	JsonLogFormatter(String service) {
		super((members) -> members(members, service), null);
	}

	private static void members(JsonWriter.Members<ILoggingEvent> members, String service) {
		members.add("timestamp", (event) -> Instant.ofEpochMilli(event.getTimeStamp()).toString());
		members.add("level", (event) -> event.getLevel().toString());
		members.add("service", service);
		members.add("logger", ILoggingEvent::getLoggerName);
		members.add("thread", ILoggingEvent::getThreadName);
		members.add("message", ILoggingEvent::getFormattedMessage);
		members.add("trace_id", (event) -> event.getMDCPropertyMap().get(MDC_TRACE_ID)).whenHasLength();
		members.add("span_id", (event) -> event.getMDCPropertyMap().get(MDC_SPAN_ID)).whenHasLength();
		members.add("context", JsonLogFormatter::context).whenNotEmpty();
		members.add("exception", ILoggingEvent::getThrowableProxy).whenNotNull().as(JsonLogFormatter::exceptionSummary);
	}

	private static Map<String, Object> context(ILoggingEvent event) {
		Map<String, Object> context = new LinkedHashMap<>();
		event.getMDCPropertyMap().forEach((key, value) -> {
			if (!MDC_TRACE_ID.equals(key) && !MDC_SPAN_ID.equals(key)) {
				context.put(key, value);
			}
		});
		List<KeyValuePair> pairs = event.getKeyValuePairs();
		if (pairs != null) {
			for (KeyValuePair pair : pairs) {
				context.put(pair.key, (pair.value != null) ? String.valueOf(pair.value) : null);
			}
		}
		return context;
	}

	static Map<String, Object> exceptionSummary(IThrowableProxy proxy) {
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("type", proxy.getClassName());
		if (proxy.getMessage() != null) {
			summary.put("message", proxy.getMessage());
		}
		IThrowableProxy root = proxy;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		if (root != proxy) {
			summary.put("root_cause",
					(root.getMessage() != null) ? root.getClassName() + ": " + root.getMessage() : root.getClassName());
		}
		summary.put("frames", frames(proxy));
		return summary;
	}

	private static List<String> frames(IThrowableProxy proxy) {
		StackTraceElementProxy[] stack = proxy.getStackTraceElementProxyArray();
		List<String> frames = new ArrayList<>();
		for (int i = 0; i < Math.min(stack.length, MAX_FRAMES); i++) {
			frames.add(stack[i].getStackTraceElement().toString());
		}
		if (stack.length > MAX_FRAMES) {
			frames.add("... " + (stack.length - MAX_FRAMES) + " more");
		}
		return frames;
	}

}
