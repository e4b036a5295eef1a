package dev.specql.deploy.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.specql.deploy.model.Framework;
import dev.specql.deploy.model.MigrationTool;
import java.util.List;
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

    /**
     * Naming a framework's constant (in a comparison or a switch) outside its runtime class is a framework branch;
     * so is a migration tool's, which belongs to a framework. The engine may pass a Framework along (to the
     * registry) but touches none of its members, not even its id.
     */
    @Test
    void onlyTheFrameworkClassesNameAFramework() {
        for (Class<?> keyword : List.of(Framework.class, MigrationTool.class)) {
            noClasses().that().resideOutsideOfPackage("dev.specql.deploy.model.framework").and().doNotBelongToAnyOf(keyword)
                    .should().accessTargetWhere(DescribedPredicate.describe("a constant or the ordinal of " + keyword.getSimpleName(),
                            (JavaAccess<?> access) -> access.getTargetOwner().isEquivalentTo(keyword)
                                    && !access.getName().equals("id") && !access.getName().equals("toString")
                                    && !access.getName().equals("values")))
                    .check(classes);
        }
        noClasses().that().resideInAPackage("dev.specql.deploy.engine..")
                .should().accessTargetWhere(DescribedPredicate.describe("a member of Framework",
                        (JavaAccess<?> access) -> access.getTargetOwner().isEquivalentTo(Framework.class)))
                .check(classes);
    }

    /** Generators and the plan read shipped files only through Sources, so every read is fingerprinted. */
    @Test
    void generatorsReadFilesOnlyThroughTheEngine() {
        noClasses().that().resideInAnyPackage("dev.specql.deploy.engine.generate..", "dev.specql.deploy.engine.plan..")
                .should().callMethodWhere(DescribedPredicate.describe("a classpath or file read",
                        (JavaMethodCall call) -> (call.getTargetOwner().isEquivalentTo(Class.class)
                                || call.getTargetOwner().isEquivalentTo(ClassLoader.class))
                                && call.getName().startsWith("getResource")))
                .andShould().dependOnClassesThat().belongToAnyOf(java.nio.file.Files.class, java.io.FileInputStream.class)
                .check(classes);
    }

    @Test
    void noMavenTypesOutsideThePlugin() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.apache.maven..", "org.codehaus.plexus..").check(classes);
    }
}
