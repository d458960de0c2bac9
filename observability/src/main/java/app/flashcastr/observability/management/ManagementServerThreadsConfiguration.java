package app.flashcastr.observability.management;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * The server that serves the actuator endpoints runs them on Tomcat's own pool of
 * platform threads (sized by {@code server.tomcat.threads.*}), not on a virtual thread
 * per request. On a virtual thread the JDK's {@code BufferedWriter} starts at 512
 * characters and grows by exactly what each write needs, so Prometheus' OpenMetrics
 * writer copied its buffer on almost every line: about 10 MB of garbage and 4 ms of CPU
 * per 20 KB scrape, against 2 ms with a platform thread. It is the whole server of the
 * producer and the consumer (actuator is all they serve) and the management child of the
 * API.
 */
@ManagementContextConfiguration(value = ManagementContextType.ANY, proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
public class ManagementServerThreadsConfiguration {

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> flashcastrManagementPlatformThreads() {
		return new PlatformThreads();
	}

	/** After Boot's virtual-thread customizer, whose executor it takes back. */
	static final class PlatformThreads implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

		@Override
		public void customize(TomcatServletWebServerFactory factory) {
			// No executor: Tomcat creates its internal pool at start.
			factory.addProtocolHandlerCustomizers((protocol) -> protocol.setExecutor(null));
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

}
