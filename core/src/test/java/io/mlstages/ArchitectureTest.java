package io.mlstages;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Rules that keep the engine usable on any agent and safe with untrusted data. */
class ArchitectureTest {
    private static JavaClasses engine;

    @BeforeAll
    static void importEngine() {
        engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.mlstages");
    }

    @Test
    void shouldNotDependOnJenkins() {
        ArchRule rule = noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("hudson..", "jenkins..", "org.jenkinsci..", "org.kohsuke..", "io.jenkins..");
        rule.check(engine);
    }

    @Test
    void shouldNeverUseJavaSerialization() {
        ArchRule rule = noClasses().should().dependOnClassesThat()
                .areAssignableTo(ObjectInputStream.class)
                .orShould().dependOnClassesThat().areAssignableTo(ObjectOutputStream.class);
        rule.check(engine);
    }

    @Test
    void shouldNotDependOnTheCommandLine() {
        ArchRule rule = noClasses().should().dependOnClassesThat().resideInAnyPackage("io.mlstages.cli..", "picocli..");
        rule.check(engine);
    }

    @Test
    void shouldKeepPackagesFreeOfCycles() {
        // a concept package may use the concepts below it, never the other way round
        slices().matching("io.mlstages.(*)..").should().beFreeOfCycles().check(engine);
    }

    /**
     * The house, bottom up, as the packages really depend on each other (docs/architecture.md draws it): the
     * foundation (the root's exception and text helpers, data, io, metrics) is open to every package above it;
     * each concept above may use only the concepts listed here; the use cases sit on top and nothing in the engine
     * uses them.
     */
    @Test
    void shouldKeepTheLayers() {
        String[] foundation = {"Root", "Data", "Io", "ObjectStore", "Metrics", "Model"};
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Root").definedBy("io.mlstages")
                .layer("Model").definedBy("io.mlstages.model..")
                .layer("Data").definedBy("io.mlstages.data..")
                .layer("Io").definedBy("io.mlstages.io..")
                .layer("ObjectStore").definedBy("io.mlstages.objectstore..")
                .layer("Metrics").definedBy("io.mlstages.metrics..")
                .layer("Profile").definedBy("io.mlstages.profile..")
                .layer("Drift").definedBy("io.mlstages.drift..")
                .layer("Train").definedBy("io.mlstages.train..")
                .layer("Validate").definedBy("io.mlstages.validate..")
                .layer("Estimate").definedBy("io.mlstages.estimate..")
                .layer("Report").definedBy("io.mlstages.report..")
                .layer("Registry").definedBy("io.mlstages.registry..")
                .layer("Deploy").definedBy("io.mlstages.deploy..")
                .layer("Serve").definedBy("io.mlstages.serve..")
                .layer("Incident").definedBy("io.mlstages.incident..")
                .layer("UseCase").definedBy("io.mlstages.usecase..")
                .whereLayer("Root").mayOnlyAccessLayers("Root")
                .whereLayer("Model").mayNotAccessAnyLayer()
                .whereLayer("Data").mayOnlyAccessLayers("Root", "ObjectStore")
                .whereLayer("Io").mayOnlyAccessLayers("Root")
                .whereLayer("ObjectStore").mayOnlyAccessLayers("Root")
                .whereLayer("Metrics").mayOnlyAccessLayers("Root")
                .whereLayer("Profile").mayOnlyAccessLayers(with(foundation))
                .whereLayer("Drift").mayOnlyAccessLayers(with(foundation, "Profile"))
                .whereLayer("Train").mayOnlyAccessLayers(with(foundation, "Profile"))
                .whereLayer("Validate").mayOnlyAccessLayers(with(foundation, "Profile", "Drift", "Train"))
                .whereLayer("Estimate").mayOnlyAccessLayers(with(foundation, "Profile", "Train", "Validate"))
                .whereLayer("Report").mayOnlyAccessLayers(with(foundation, "Profile", "Drift", "Train", "Validate",
                        "Estimate"))
                .whereLayer("Registry").mayOnlyAccessLayers(with(foundation, "Train", "Validate"))
                .whereLayer("Deploy").mayOnlyAccessLayers(with(foundation, "Train", "Validate", "Registry"))
                .whereLayer("Serve").mayOnlyAccessLayers(with(foundation, "Profile", "Drift", "Train", "Registry"))
                .whereLayer("Incident").mayOnlyAccessLayers(with(foundation, "Profile", "Drift", "Train", "Registry",
                        "Deploy", "Serve", "Estimate"))
                .whereLayer("UseCase").mayNotBeAccessedByAnyLayer()
                .check(engine);
    }

    private static String[] with(final String[] foundation, final String... more) {
        String[] all = java.util.Arrays.copyOf(foundation, foundation.length + more.length);
        System.arraycopy(more, 0, all, foundation.length, more.length);
        return all;
    }

    @Test
    void shouldNotPrintFromTheEngine() {
        ArchRule rule = noClasses().should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .because("the engine reports through return values and exceptions; the CLI and plugin print");
        rule.check(engine);
    }
}
