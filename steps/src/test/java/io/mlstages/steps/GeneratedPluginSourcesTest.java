package io.mlstages.steps;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plugin's parameter classes, forms and help files are what {@link PluginShellGenerator} makes of
 * {@link StepCatalog}, byte for byte: a catalog change without regenerating, or a hand edit of a generated file,
 * fails here with the command that regenerates them. With {@code -Dmlstages.regenerate=true} the test writes them
 * first (and removes generated files the catalog no longer makes).
 */
class GeneratedPluginSourcesTest {
    private static final String HOW = "regenerate with: " + PluginShellGenerator.REGENERATE;

    @Test
    void shouldHaveCommittedExactlyWhatTheGeneratorWrites() throws IOException {
        Path pluginDir = PluginSources.pluginDir();
        if (Boolean.getBoolean("mlstages.regenerate")) {
            PluginShellGenerator.write(pluginDir);
        }
        Map<String, String> generated = PluginShellGenerator.generate();

        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> file : generated.entrySet()) {
            Path path = pluginDir.resolve(file.getKey());
            if (!Files.isRegularFile(path)) {
                problems.add(file.getKey() + " is missing");
            }
            else if (!Files.readString(path, StandardCharsets.UTF_8).equals(file.getValue())) {
                problems.add(file.getKey() + " differs from the generated text");
            }
        }
        for (String committed : PluginShellGenerator.committedGenerated(pluginDir)) {
            if (!generated.containsKey(committed)) {
                problems.add(committed + " is marked generated but the catalog no longer makes it");
            }
        }
        assertThat(problems).as("generated plugin files in " + pluginDir + "; " + HOW).isEmpty();
    }

    @Test
    void shouldGenerateAFormAndAHelpFilePerParameterOfEveryStepAndOneSetForTheTwoDriftChecks() {
        Map<String, String> generated = PluginShellGenerator.generate();
        String views = "src/main/resources/io/jenkins/plugins/mlstages/";

        for (String name : List.of(StepCatalog.TRAIN, StepCatalog.VALIDATE, StepCatalog.DEPLOY, StepCatalog.CHECK_DRIFT)) {
            String folder = views + switch (name) {
                case StepCatalog.TRAIN -> "TrainModelStep";
                case StepCatalog.VALIDATE -> "ValidateModelStep";
                case StepCatalog.DEPLOY -> "DeployModelStep";
                default -> "CheckDriftStep";
            };
            assertThat(generated).containsKey(folder + "/config.jelly");
            for (Parameter p : StepCatalog.step(name).parameters()) {
                assertThat(generated.get(folder + "/help-" + p.name() + ".html")).as(name + "." + p.name())
                        .contains(p.help().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                                .replace("\"", "&quot;"));
            }
        }
        // the build step is served CheckDriftStep's form and help: no files of its own
        assertThat(generated.keySet()).noneMatch(k -> k.contains("/DriftCheckBuilder/"));
        // the build step's parameters are a CheckDriftStep's: it forwards, it declares none
        assertThat(generated.get("src/main/java/io/jenkins/plugins/mlstages/CheckDriftStepBase.java"))
                .contains("private String coolDown;", "public void setCoolDown(final String coolDown)");
        assertThat(generated.get("src/main/java/io/jenkins/plugins/mlstages/DriftCheckBuilderBase.java"))
                .contains("extends Builder", "private final CheckDriftStep check;", "check.setCoolDown(coolDown);")
                .doesNotContain("private String coolDown;");
    }

    @Test
    void shouldLayOutTheDriftFormInTheCatalogsSectionsWithItsTitles() {
        String config = PluginShellGenerator.config(StepCatalog.step(StepCatalog.CHECK_DRIFT));

        assertThat(config).startsWith("<?jelly escape-by-default='true'?>\n<!-- " + PluginShellGenerator.MARK)
                .contains("<f:section title=\"${%Incidents and retraining}\">")
                .contains("<f:entry field=\"sketchK\" title=\"${%Quantile sketch size k}\">")
                .contains("<f:entry field=\"webhookCredentialsId\" title=\"${%Webhook token credential}\">\n"
                        + "        <c:select/>");
        // the required field and the one-of choice come before Advanced
        assertThat(config.indexOf("field=\"reference\"")).isLessThan(config.indexOf("<f:advanced>"));
        assertThat(config.indexOf("field=\"registry\"")).isGreaterThan(config.indexOf("<f:advanced>"));
    }
}
