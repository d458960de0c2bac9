package app.flashcastr.producer;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

import app.flashcastr.testinfra.ServiceArchitecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Layout rules of shared/spec/style.md, checked rather than remembered. */
class ArchitectureTests {

	private final JavaClasses classes = ServiceArchitecture.serviceClasses("app.flashcastr.producer");

	@Test
	void noDumpingGroundPackages() {
		ServiceArchitecture.noDumpingGroundPackages().check(this.classes);
	}

	@Test
	void theProducerDependsOnNoOtherService() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("app.flashcastr.consumer..", "app.flashcastr.api..")
			.check(this.classes);
	}

	@Test
	void onlyObservabilityNamesMetrics() {
		ServiceArchitecture.onlyObservabilityNamesMetrics().check(this.classes);
	}

}
