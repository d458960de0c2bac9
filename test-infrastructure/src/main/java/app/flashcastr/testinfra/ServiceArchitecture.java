package app.flashcastr.testinfra;

import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Layout rules of shared/spec/style.md that every service keeps, checked by each
 * service's architecture test rather than remembered.
 */
public final class ServiceArchitecture {

	private ServiceArchitecture() {
	}

	/** Package by feature: never a {@code util}, {@code helpers} or {@code common}. */
	public static ArchRule noDumpingGroundPackages() {
		return noClasses().should()
			.resideInAnyPackage("..util..", "..utils..", "..helper..", "..helpers..", "..common..");
	}

	/**
	 * Meters are created through observability's {@code ServiceMeters}, so the prefix and
	 * conventions live in one place.
	 */
	public static ArchRule onlyObservabilityNamesMetrics() {
		return noClasses().should()
			.callMethod("io.micrometer.core.instrument.Counter", "builder", "java.lang.String")
			.orShould()
			.callMethod("io.micrometer.core.instrument.Gauge", "builder", "java.lang.String", "java.lang.Object",
					"java.util.function.ToDoubleFunction");
	}

}
