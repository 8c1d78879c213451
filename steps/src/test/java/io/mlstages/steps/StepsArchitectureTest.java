package io.mlstages.steps;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The plugin's Jenkins-free half stays Jenkins-free, so that what decides a build's result is tested here without
 * Jenkins (the Maven Enforcer keeps Jenkins artifacts off the classpath; this keeps the code from naming them).
 */
class StepsArchitectureTest {
    @Test
    void shouldNotDependOnJenkins() {
        JavaClasses steps = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.mlstages.steps");
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("hudson..", "jenkins..", "org.jenkinsci..", "org.kohsuke.stapler..", "io.jenkins..")
                .check(steps);
    }
}
