package app.flashcastr.consumer;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import app.flashcastr.testinfra.ServiceArchitecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Layout rules of shared/spec/style.md, checked rather than remembered, by naming
 * convention: settings are {@code *Properties} records read in the feature that declares
 * them, so no feature needs a public settings type or reaches up to the application.
 */
class ArchitectureTests {

	private static final String APPLICATION = "app.flashcastr.consumer";

	private final JavaClasses classes = ServiceArchitecture.serviceClasses(APPLICATION);

	@Test
	void noDumpingGroundPackages() {
		ServiceArchitecture.noDumpingGroundPackages().check(this.classes);
	}

	@Test
	void theConsumerDependsOnNoOtherServiceNorTheSimulators() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("app.flashcastr.producer..", "app.flashcastr.api..", "app.flashcastr.simulators..")
			.check(this.classes);
	}

	@Test
	void onlyObservabilityNamesMetrics() {
		ServiceArchitecture.onlyObservabilityNamesMetrics().check(this.classes);
	}

	@Test
	void featuresDoNotReachUpToTheApplicationPackage() {
		noClasses().that()
			.resideInAPackage(APPLICATION + ".(*)..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage(APPLICATION)
			.check(this.classes);
	}

	@Test
	void settingsArePackagePrivateValidatedRecords() {
		classes().that()
			.areAnnotatedWith(ConfigurationProperties.class)
			.should()
			.haveSimpleNameEndingWith("Properties")
			.andShould()
			.beRecords()
			.andShould()
			.beAnnotatedWith(Validated.class)
			.andShould()
			.bePackagePrivate()
			.check(this.classes);
		classes().that()
			.haveSimpleNameEndingWith("Properties")
			.should()
			.beAnnotatedWith(ConfigurationProperties.class)
			.check(this.classes);
	}

	@Test
	void settingsAreReadOnlyInTheFeatureThatDeclaresThem() {
		classes().that()
			.areAnnotatedWith(ConfigurationProperties.class)
			.should(beUsedOnlyInTheirOwnPackage())
			.check(this.classes);
	}

	@Test
	void onlyTheStoreAndTheBackfillQueryPostgres() {
		// The intake reaches PostgreSQL through the store's lookup and batched writer.
		noClasses().that()
			.resideOutsideOfPackages(APPLICATION + ".store..", APPLICATION + ".backfill..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework.jdbc.core..")
			.check(this.classes);
	}

	private static ArchCondition<JavaClass> beUsedOnlyInTheirOwnPackage() {
		return new ArchCondition<>("be used only in their own package") {

			@Override
			public void check(JavaClass type, ConditionEvents events) {
				for (Dependency dependency : type.getDirectDependenciesToSelf()) {
					if (!dependency.getOriginClass().getPackageName().equals(type.getPackageName())) {
						events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
					}
				}
			}

		};
	}

}
