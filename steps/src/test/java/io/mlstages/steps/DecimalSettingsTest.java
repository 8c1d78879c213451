package io.mlstages.steps;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The global configuration's decimals as users write them in Configuration as Code: quoted (delivered by CasC) and
 * unquoted (dropped by CasC 2117's reader and read back from the file by the plugin's configurator).
 */
class DecimalSettingsTest {
    /** The YAML the plugin's ConfigurationAsCodeITest loads: unquoted decimals. */
    private static final Path ITEST_YAML = RepositoryRoot.find()
            .resolve("plugin/src/test/resources/io/jenkins/plugins/mlstages/configuration-as-code.yml");

    @Test
    void shouldReadBackTheUnquotedDecimalsCascDropped() throws IOException {
        List<String> lines = Files.readAllLines(ITEST_YAML, StandardCharsets.UTF_8);
        int firstKey = lineOf(lines, "registry:");
        // what CasC delivers for it: the keys of dropped decimals map to null
        Map<String, Object> delivered = new HashMap<>();
        delivered.put("registry", "/mnt/shared/ml-registry");
        delivered.put("driftShare", null);
        delivered.put("alpha", null);

        Map<String, String> readBack = DecimalSettings.readBack(delivered, lines, firstKey, ITEST_YAML.toString());

        assertThat(readBack).containsExactly(Map.entry("driftShare", "0.25"), Map.entry("alpha", "0.01"));
        assertThat(DecimalSettings.share("driftShare", readBack.get("driftShare"))).isEqualTo(0.25);
        assertThat(DecimalSettings.share("alpha", readBack.get("alpha"))).isEqualTo(0.01);
    }

    @Test
    void shouldLeaveQuotedDecimalsToCascWhichDeliversThem() {
        List<String> lines = List.of("unclassified:", "  mlStages:", "    driftShare: \"0.25\"", "    alpha: '0.01'");
        Map<String, Object> delivered = Map.of("driftShare", "0.25", "alpha", "0.01");

        assertThat(DecimalSettings.readBack(delivered, lines, 3, "casc.yaml")).isEmpty();
        assertThat(DecimalSettings.plainDecimal(lines, 3, "driftShare")).isEmpty();
        assertThat(DecimalSettings.share("driftShare", "0.25")).isEqualTo(0.25);
        assertThat(DecimalSettings.share("alpha", "0.01")).isEqualTo(0.01);
    }

    @Test
    void shouldReadOnlyTheMlStagesMappingAndIgnoreComments() {
        List<String> lines = List.of(
                "unclassified:",
                "  mlStages:",
                "    # the share of drifted columns",
                "    driftShare: .3   # thirty percent",
                "    nested:",
                "      alpha: 0.2",
                "  otherPlugin:",
                "    alpha: 0.4");

        assertThat(DecimalSettings.plainDecimal(lines, 4, "driftShare")).contains(".3");
        assertThat(DecimalSettings.plainDecimal(lines, 4, "alpha")).as("deeper or in another mapping").isEmpty();
        assertThat(DecimalSettings.readBack(Map.of(), lines, 4, "casc.yaml")).containsExactly(Map.entry("driftShare", ".3"));
    }

    @Test
    void shouldFailLoudlyWhenADroppedDecimalCannotBeReadBack() {
        Map<String, Object> delivered = new HashMap<>();
        delivered.put("alpha", null);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> DecimalSettings.readBack(delivered, List.of(), 3, "https://example.invalid/casc.yaml"))
                .withMessageContaining("mlStages.alpha").withMessageContaining("https://example.invalid/casc.yaml")
                .withMessageContaining("alpha: \"0.25\"");
    }

    @Test
    void shouldCheckTheRangeOfAShareAndNameTheSetting() {
        assertThat(DecimalSettings.share("alpha", (String) null)).isNull();
        assertThat(DecimalSettings.share("alpha", "  ")).isNull();
        assertThat(DecimalSettings.share("driftShare", "1")).isEqualTo(1.0);
        assertThat(DecimalSettings.share("alpha", "5e-2")).isEqualTo(0.05);
        assertThatIllegalArgumentException().isThrownBy(() -> DecimalSettings.share("driftShare", "0"))
                .withMessageContaining("driftShare").withMessageContaining("out of range");
        assertThatIllegalArgumentException().isThrownBy(() -> DecimalSettings.share("alpha", "1.5"))
                .withMessageContaining("alpha: 1.5");
        assertThatIllegalArgumentException().isThrownBy(() -> DecimalSettings.share("alpha", "five percent"))
                .withMessageContaining("'five percent' is not a number");
        assertThatIllegalArgumentException().isThrownBy(() -> DecimalSettings.share("alpha", Double.NaN))
                .withMessageContaining("alpha: NaN");
        // an unquoted value out of range fails the configuration instead of being bound
        assertThatIllegalArgumentException().isThrownBy(() -> DecimalSettings.readBack(Map.of(),
                List.of("    alpha: 2.5"), 1, "casc.yaml")).withMessageContaining("alpha: 2.5");
    }

    @Test
    void shouldReadLocalSourcesOnly(@TempDir final Path work) throws IOException {
        Path yaml = Files.writeString(work.resolve("casc.yaml"), "unclassified:\n  mlStages:\n    alpha: 0.02\n",
                StandardCharsets.UTF_8);

        assertThat(DecimalSettings.sourceLines(yaml.toString())).hasSize(3);
        assertThat(DecimalSettings.sourceLines(yaml.toUri().toString())).as("file: URL").hasSize(3);
        assertThat(DecimalSettings.localFile("https://example.invalid/casc.yaml")).isEmpty();
        assertThat(DecimalSettings.localFile(work.resolve("missing.yaml").toString())).isEmpty();
        assertThat(DecimalSettings.localFile(null)).isEmpty();
    }

    @Test
    void shouldReadBackTheDecimalsOfTheDocumentedExample() throws IOException {
        // docs/jenkins.md shows the Configuration as Code block users copy; both of its forms must bind
        String docs = Files.readString(RepositoryRoot.find().resolve("docs/jenkins.md"), StandardCharsets.UTF_8);
        Matcher block = Pattern.compile("```yaml\\n(unclassified:\\n  mlStages:\\n.*?)```", Pattern.DOTALL).matcher(docs);
        int examples = 0;
        while (block.find()) {
            List<String> lines = block.group(1).lines().toList();
            int firstKey = lineOf(lines, "registry:");
            Map<String, String> readBack = DecimalSettings.readBack(Map.of(), lines, firstKey, "docs/jenkins.md");
            for (String name : DecimalSettings.NAMES) {
                String line = lines.stream().filter(l -> l.strip().startsWith(name + ":")).findFirst().orElseThrow();
                String written = line.substring(line.indexOf(':') + 1).strip();
                if (written.startsWith("\"")) {
                    assertThat(readBack).as(name + " quoted: CasC delivers it").doesNotContainKey(name);
                    assertThat(DecimalSettings.share(name, written.replace("\"", ""))).isNotNull();
                }
                else {
                    assertThat(readBack).as(name + " unquoted: read back").containsEntry(name, written);
                }
            }
            examples++;
        }
        assertThat(examples).as("Configuration as Code examples in docs/jenkins.md").isPositive();
    }

    private static int lineOf(final List<String> lines, final String start) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().startsWith(start)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line starting with " + start);
    }
}
