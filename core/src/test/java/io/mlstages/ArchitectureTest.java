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

    @Test
    void shouldNotPrintFromTheEngine() {
        ArchRule rule = noClasses().should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .because("the engine reports through return values and exceptions; the CLI and plugin print");
        rule.check(engine);
    }
}
