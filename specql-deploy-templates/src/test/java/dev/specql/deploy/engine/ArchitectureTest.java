package dev.specql.deploy.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.specql.deploy.model.Framework;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules the README's developing section states, checked on the compiled classes of the model and
 * the engine (the plugin module only adapts them to Maven).
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        // The model's test jar is on this module's test classpath; its classes are not the product's.
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.specql.deploy");
        assertThat(classes.stream().map(c -> c.getPackageName()).distinct())
                .as("both modules imported").contains("dev.specql.deploy.model.framework", "dev.specql.deploy.engine.generate.docker");
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.specql.deploy.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void noPhaseImportsAnotherPhase() {
        slices().matching("dev.specql.deploy.engine.generate.(*)..").should().notDependOnEachOther().check(classes);
    }

    @Test
    void generatorsReadThePlanAndNeverCallTheEngine() {
        noClasses().that().resideInAPackage("dev.specql.deploy.engine.generate..")
                .should().dependOnClassesThat().resideInAPackage("dev.specql.deploy.engine").check(classes);
        noClasses().that().resideInAPackage("dev.specql.deploy.engine.plan..")
                .should().dependOnClassesThat().resideInAPackage("dev.specql.deploy.engine.generate..").check(classes);
    }

    /** Naming a framework's constant (in a comparison or a switch) outside its runtime class is a framework branch. */
    @Test
    void onlyTheFrameworkClassesNameAFramework() {
        noClasses().that().resideOutsideOfPackage("dev.specql.deploy.model.framework").and().doNotBelongToAnyOf(Framework.class)
                .should().accessTargetWhere(DescribedPredicate.describe("a constant or the ordinal of Framework",
                        (JavaAccess<?> access) -> access.getTargetOwner().isEquivalentTo(Framework.class)
                                && !access.getName().equals("id") && !access.getName().equals("toString")))
                .check(classes);
    }

    @Test
    void noMavenTypesOutsideThePlugin() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.apache.maven..", "org.codehaus.plexus..").check(classes);
    }
}
