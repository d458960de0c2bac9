package app.flashcastr.api;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Dependency rules of the API's core features. */
class CoreArchitectureTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("app.flashcastr.api");

	@Test
	void coreFeaturesDoNotDependOnSignup() {
		noClasses().that()
			.resideInAnyPackage("..api.flash..", "..api.user..", "..api.leaderboard..", "..api.trending..",
					"..api.progress..", "..api.identification..", "..api.unified..", "..api.paging..", "..api.cache..",
					"..api.hardening..", "..api.metrics..", "..api.auth..", "..api.errors..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("..api.signup..")
			.check(CLASSES);
	}

	@Test
	void onlyTheLeaderboardTalksToNeynar() {
		noClasses().that()
			.resideInAnyPackage("..api.flash..", "..api.user..", "..api.trending..", "..api.progress..",
					"..api.identification..", "..api.unified..", "..api.paging..", "..api.cache..", "..api.hardening..",
					"..api.metrics..", "..api.auth..", "..api.errors..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("..api.neynar..")
			.check(CLASSES);
	}

	@Test
	void sharedBuildingBlocksDoNotDependOnFeatures() {
		noClasses().that()
			.resideInAnyPackage("..api.paging..", "..api.cache..", "..api.metrics..", "..api.auth..", "..api.errors..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..api.flash..", "..api.user..", "..api.leaderboard..", "..api.trending..",
					"..api.progress..", "..api.identification..", "..api.unified..")
			.check(CLASSES);
	}

}
