package app.flashcastr.api.hardening;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.graphql.autoconfigure.GraphQlCorsProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.webmvc.GraphQlHttpHandler;
import org.springframework.http.MediaType;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Depth and complexity limits (graphql-java instrumentations, checked before any data
 * fetcher runs) and upstream's endpoint: the front end posts to {@code /}, so a POST on
 * {@code /} is served like one on {@code /graphql}, with the same CORS rules.
 */
@Configuration(proxyBeanMethods = false)
class HardeningConfiguration {

	/** Operations remembered as within the limits; as many as documents are kept. */
	private static final int MAX_PASSED_OPERATIONS = 1_000;

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	DocumentLimitsInstrumentation documentLimitsInstrumentation(HardeningProperties properties) {
		return new DocumentLimitsInstrumentation(properties.maxDepth(), properties.maxComplexity(),
				DocumentLimitsInstrumentation.KEPT_DOCUMENT_KEY, MAX_PASSED_OPERATIONS);
	}

	@Bean
	RouterFunction<ServerResponse> rootGraphQlRoute(GraphQlHttpHandler handler) {
		return RouterFunctions.route()
			.POST("/", RequestPredicates.contentType(MediaType.APPLICATION_JSON), handler::handleRequest)
			.build();
	}

	@Bean
	WebMvcConfigurer rootGraphQlCors(ObjectProvider<GraphQlCorsProperties> cors) {
		return new WebMvcConfigurer() {
			@Override
			public void addCorsMappings(CorsRegistry registry) {
				GraphQlCorsProperties properties = cors.getIfAvailable();
				CorsConfiguration configuration = (properties != null) ? properties.toCorsConfiguration() : null;
				if (configuration != null) {
					registry.addMapping("/").combine(configuration);
				}
			}
		};
	}

}
