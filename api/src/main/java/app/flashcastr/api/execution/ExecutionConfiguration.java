package app.flashcastr.api.execution;

import java.util.List;

import graphql.execution.instrumentation.Instrumentation;
import graphql.schema.DataFetcher;
import graphql.schema.idl.FieldWiringEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.WiringFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.data.method.annotation.support.AnnotatedControllerConfigurer;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webmvc.GraphQlHttpHandler;

/**
 * Two costs the API benchmark's profile showed on every request: parsing and validating
 * the same query text again (13 % of CPU), and a Micrometer observation around every
 * resolved field (11 %, plus its span). The front end sends a handful of fixed documents,
 * so they are kept from their second sighting ({@link PreparsedDocuments}); Spring
 * GraphQL's observations are off altogether, and the operation is named on the HTTP span
 * and counted by the API's own metrics (whose operation type comes from execution, not
 * from the validation a cached document skips).
 */
@Configuration(proxyBeanMethods = false)
class ExecutionConfiguration {

	/**
	 * Distinct documents kept; the front end uses a few dozen, so this bounds memory
	 * against random texts.
	 */
	private static final int MAX_DOCUMENTS = 1_000;

	/** Texts remembered as seen once, so a repeated one is kept. */
	private static final int SEEN_SLOTS = 4_096;

	/**
	 * Replaces Boot's handler: see {@link SynchronousGraphQlHttpHandler}.
	 */
	@Bean
	GraphQlHttpHandler graphQlHttpHandler(WebGraphQlHandler webGraphQlHandler) {
		return new SynchronousGraphQlHttpHandler(webGraphQlHandler);
	}

	/**
	 * Also an instrumentation: it reads a text's literals before parsing (see
	 * {@link LiteralArguments}).
	 */
	@Bean
	LiteralArguments literalArguments() {
		return new LiteralArguments(MAX_DOCUMENTS, SEEN_SLOTS);
	}

	@Bean
	GraphQlSourceBuilderCustomizer preparsedDocuments(LiteralArguments literalArguments) {
		PreparsedDocuments provider = new PreparsedDocuments(MAX_DOCUMENTS, SEEN_SLOTS, literalArguments);
		return (builder) -> builder.configureGraphQl((graphQl) -> graphQl.preparsedDocumentProvider(provider));
	}

	/**
	 * The instrumentation beans Boot chains (the same list, in the same order), without
	 * the chain's per-field calls: see {@link OperationLevelInstrumentation}.
	 */
	@Bean
	GraphQlSourceBuilderCustomizer operationLevelInstrumentation(ObjectProvider<Instrumentation> instrumentations) {
		return (builder) -> builder.configureGraphQl((graphQl) -> {
			List<Instrumentation> all = instrumentations.orderedStream().toList();
			if (!all.isEmpty()) {
				graphQl.instrumentation(new OperationLevelInstrumentation(all));
			}
		});
	}

	/**
	 * Fields without a controller method read the record component of their name (see
	 * {@link RecordComponentFetcher}).
	 */
	@Bean
	RuntimeWiringConfigurer recordComponentFetchers() {
		return new RuntimeWiringConfigurer() {
			@Override
			public void configure(RuntimeWiring.Builder builder) {
			}

			@Override
			public void configure(RuntimeWiring.Builder builder, List<WiringFactory> container) {
				container.add(new WiringFactory() {
					@Override
					public DataFetcher<?> getDefaultDataFetcher(FieldWiringEnvironment environment) {
						return new RecordComponentFetcher(environment.getFieldDefinition().getName());
					}
				});
			}
		};
	}

	/**
	 * Controller methods run on the request's own thread: it is already a virtual thread,
	 * so handing each data fetcher to the executor Boot configures with virtual threads
	 * only added a thread start and a context snapshot per field (12 % of CPU).
	 */
	@Bean
	static BeanPostProcessor controllersOnTheRequestThread() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof AnnotatedControllerConfigurer configurer) {
					configurer.setBlockingMethodPredicate((method) -> false);
				}
				return bean;
			}
		};
	}

}
