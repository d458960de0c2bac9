package app.flashcastr.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestConstructor;

import app.flashcastr.testinfra.RealInfrastructureConfiguration;

/**
 * The API on a random port against its own real PostgreSQL database, seeded with
 * {@link Seed}, a fixed clock ({@link Seed#NOW}), the Neynar simulator and the background
 * gauges and the query result cache off. Every class with this annotation shares one
 * context and database.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "flashcastr.api.api-key=" + Seed.API_KEY,
				"flashcastr.api.metrics.gauges-enabled=false",
				// Each test checks one execution; QueryResultCacheTests checks the cache
				// in front of it.
				"flashcastr.api.cache.query-result-ttl=0" })
@Import({ RealInfrastructureConfiguration.class, CoreTestConfiguration.class })
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
public @interface CoreApiTest {

}
