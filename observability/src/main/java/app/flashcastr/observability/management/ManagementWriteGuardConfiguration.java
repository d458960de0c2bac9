package app.flashcastr.observability.management;

import io.micrometer.core.instrument.Counter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

import app.flashcastr.observability.metrics.ServiceMeters;

/**
 * Puts {@link ManagementWriteFilter} in front of the actuator endpoints wherever they are
 * served: in the main context when actuator shares the service's port (producer,
 * consumer), in the management child context when it has a port of its own (the API's
 * 9092), where a filter bean of the main context would never run. Refusals count as
 * {@code <prefix>_management_writes_refused_total{reason}}.
 */
@ManagementContextConfiguration(value = ManagementContextType.ANY, proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "jakarta.servlet.Filter")
public class ManagementWriteGuardConfiguration {

	/** Early, but after the request observation, so refusals still show as requests. */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	@Bean
	FilterRegistrationBean<ManagementWriteFilter> flashcastrManagementWriteGuard(Environment environment,
			ObjectProvider<WebEndpointProperties> endpoints, ObjectProvider<ServiceMeters> meters) {
		ServiceMeters serviceMeters = meters.getIfAvailable();
		ManagementWriteFilter filter = new ManagementWriteFilter(ManagementToken.from(environment), (reason) -> {
			if (serviceMeters != null) {
				Counter counter = serviceMeters.counter("management_writes_refused",
						"Management-port writes refused for want of the right token", "reason", reason);
				counter.increment();
			}
		});
		FilterRegistrationBean<ManagementWriteFilter> registration = new FilterRegistrationBean<>(filter);
		String basePath = endpoints.getIfAvailable(WebEndpointProperties::new).getBasePath();
		registration.addUrlPatterns(basePath.isEmpty() || "/".equals(basePath) ? "/*" : basePath + "/*");
		registration.setOrder(ORDER);
		return registration;
	}

}
