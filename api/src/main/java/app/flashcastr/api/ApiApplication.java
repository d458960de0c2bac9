package app.flashcastr.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.graphql.autoconfigure.observation.GraphQlObservationAutoConfiguration;

import app.flashcastr.neynar.NeynarProperties;

/**
 * Entry point of flashcastr.api. One observation per request: the HTTP server's, which
 * continues the caller's trace and carries the GraphQL operation (see
 * {@code metrics.GraphQlMetricsInstrumentation}); Spring GraphQL's
 * {@code graphql.request} observation beside it doubled the span and timer work of every
 * request, and no dashboard or alert read its {@code graphql_request_seconds}.
 */
@SpringBootApplication(exclude = GraphQlObservationAutoConfiguration.class)
@ConfigurationPropertiesScan
@EnableConfigurationProperties(NeynarProperties.class)
public class ApiApplication {

	public static void main(String[] args) {
		SpringApplication.run(ApiApplication.class, args);
	}

}
