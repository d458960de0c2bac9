package app.flashcastr.observability.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;

/**
 * Logback layout writing the same JSON line as the console, for appenders that take a
 * layout (the Loki appender's {@code <message>}). Configure {@code <service>} with the
 * application name.
 */
public final class JsonLogLayout extends LayoutBase<ILoggingEvent> {

	private String service = "unknown";

	private JsonLogFormatter formatter;

	/**
	 * @param service value of the {@code service} field
	 */
	public void setService(String service) {
		this.service = service;
	}

	@Override
	public void start() {
		this.formatter = new JsonLogFormatter(this.service);
		super.start();
	}

	@Override
	public String doLayout(ILoggingEvent event) {
		// Loki stores one entry per push value: the trailing newline would only pad every
		// line.
		return this.formatter.format(event).stripTrailing();
	}

}
