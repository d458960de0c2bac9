package app.flashcastr.testinfra;

import java.util.regex.Pattern;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Layout rules of shared/spec/style.md that every service keeps, checked by each
 * service's architecture test rather than remembered.
 */
public final class ServiceArchitecture {

	/**
	 * Spring AOT's generated classes ({@code FlashController__BeanDefinitions}, …): they
	 * wire every feature together by design, and are not ours to arrange.
	 */
	private static final Pattern SPRING_AOT_GENERATED = Pattern.compile(".*/[^/]*__[^/]*\\.class$");

	private ServiceArchitecture() {
	}

	/**
	 * A service's own classes: no tests, none that Spring AOT generated.
	 * @param basePackage the service's package
	 * @return the classes the rules check
	 */
	public static JavaClasses serviceClasses(String basePackage) {
		return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.withImportOption((location) -> !location.matches(SPRING_AOT_GENERATED))
			.importPackages(basePackage);
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
