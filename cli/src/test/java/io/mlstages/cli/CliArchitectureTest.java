package io.mlstages.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Rules that keep the command line a thin shell over the engine's use cases. */
class CliArchitectureTest {
    private static JavaClasses cli;

    @BeforeAll
    static void importCli() {
        cli = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.mlstages.cli");
    }

    @Test
    void shouldPrintOnlyThroughTheCommandLinesWriters() {
        // commands print through spec.commandLine().getOut()/getErr(), so that tests and callers capture the output;
        // only main, which has no command line yet (or has lost it to an internal error), touches the process streams
        noClasses().that().doNotHaveFullyQualifiedName(Main.class.getName())
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .because("commands print through spec.commandLine().getOut() and getErr()")
                .check(cli);
    }

    @Test
    void shouldExitOnlyFromMain() {
        noClasses().that().doNotHaveFullyQualifiedName(Main.class.getName())
                .should().callMethod(System.class, "exit", int.class)
                .because("a command returns its exit code; only main ends the process")
                .check(cli);
    }

    @Test
    void shouldNotDependOnJenkins() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("hudson..", "jenkins..", "org.jenkinsci..", "org.kohsuke.stapler..", "io.jenkins..")
                .check(cli);
    }
}
