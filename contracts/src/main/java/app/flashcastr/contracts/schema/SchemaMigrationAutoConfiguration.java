package app.flashcastr.contracts.schema;

import org.flywaydb.core.Flyway;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Migrates at start-up unless {@code spring.flyway.enabled=false}, checked when the
 * migration would run: Spring AOT fixes Boot's condition on that property when the jar is
 * built, and the images' AOT-cache training run, which has no database, turns it off.
 */
@AutoConfiguration(before = FlywayAutoConfiguration.class)
@ConditionalOnClass(Flyway.class)
public class SchemaMigrationAutoConfiguration {

	static final String ENABLED = "spring.flyway.enabled";

	@Bean
	@ConditionalOnMissingBean
	FlywayMigrationStrategy flashcastrMigrationStrategy(Environment environment) {
		return (flyway) -> {
			if (environment.getProperty(ENABLED, Boolean.class, true)) {
				flyway.migrate();
			}
		};
	}

}
