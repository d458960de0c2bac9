package app.flashcastr.api;

import java.util.Set;
import java.util.stream.Collectors;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import org.springframework.stereotype.Controller;
import org.springframework.stereotype.Repository;

import app.flashcastr.testinfra.ServiceArchitecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Layout rules of the API by naming convention, so a new feature is covered without
 * editing a list: a package holding a {@code *Controller} is a feature, every other
 * package a building block; SQL runs in classes named {@code *Repository}.
 */
class ArchitectureTests {

	private static final JavaClasses CLASSES = ServiceArchitecture.serviceClasses("app.flashcastr.api");

	/**
	 * The one feature others may use: a flash is part of the answers of identifications
	 * and unified flashes.
	 */
	private static final String FLASH_FEATURE = "app.flashcastr.api.flash";

	private static final Set<String> FEATURES = CLASSES.stream()
		.filter((type) -> type.getSimpleName().endsWith("Controller"))
		.map(JavaClass::getPackageName)
		.collect(Collectors.toUnmodifiableSet());

	private static final DescribedPredicate<JavaClass> IN_A_FEATURE = DescribedPredicate.describe(
			"reside in a feature (a package with a *Controller)", (type) -> FEATURES.contains(type.getPackageName()));

	@Test
	void featuresAreFoundByTheirControllers() {
		assertThat(FEATURES).contains(FLASH_FEATURE).hasSizeGreaterThan(5);
	}

	@Test
	void featuresDependOnNoOtherFeatureButFlash() {
		classes().that(IN_A_FEATURE).should(dependOnNoOtherFeatureBut(FLASH_FEATURE)).check(CLASSES);
	}

	@Test
	void buildingBlocksDependOnNoFeature() {
		noClasses().that(not(IN_A_FEATURE)).should().dependOnClassesThat(IN_A_FEATURE).check(CLASSES);
	}

	@Test
	void onlyRepositoriesRunSql() {
		noClasses().that()
			.haveSimpleNameNotEndingWith("Repository")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.jdbc..", "javax.sql..")
			.check(CLASSES);
	}

	@Test
	void controllersDoNotTouchTheDatabase() {
		noClasses().that()
			.haveSimpleNameEndingWith("Controller")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.jdbc..", "javax.sql..", "java.sql..",
					"org.springframework.transaction..")
			.check(CLASSES);
	}

	@Test
	void repositoriesAndControllersAreNamedForWhatTheyAre() {
		classes().that()
			.areAnnotatedWith(Repository.class)
			.should()
			.haveSimpleNameEndingWith("Repository")
			.check(CLASSES);
		classes().that()
			.haveSimpleNameEndingWith("Repository")
			.should()
			.beAnnotatedWith(Repository.class)
			.check(CLASSES);
		classes().that()
			.areAnnotatedWith(Controller.class)
			.should()
			.haveSimpleNameEndingWith("Controller")
			.check(CLASSES);
		classes().that()
			.haveSimpleNameEndingWith("Controller")
			.should()
			.beAnnotatedWith(Controller.class)
			.check(CLASSES);
	}

	@Test
	void onlyFeaturesCallNeynarAndNeverFromARepository() {
		noClasses().that(not(IN_A_FEATURE))
			.and(resideOutsideOfPackage("..api.neynar.."))
			.should()
			.dependOnClassesThat()
			.resideInAPackage("..api.neynar..")
			.check(CLASSES);
		noClasses().that()
			.haveSimpleNameEndingWith("Repository")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("..api.neynar..")
			.check(CLASSES);
	}

	private static ArchCondition<JavaClass> dependOnNoOtherFeatureBut(String shared) {
		return new ArchCondition<>("depend on no other feature but " + shared) {

			@Override
			public void check(JavaClass type, ConditionEvents events) {
				for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
					String target = dependency.getTargetClass().getPackageName();
					if (FEATURES.contains(target) && !target.equals(type.getPackageName()) && !target.equals(shared)) {
						events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
					}
				}
			}

		};
	}

}
