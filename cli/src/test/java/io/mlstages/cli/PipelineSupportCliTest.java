package io.mlstages.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the Jenkins steps rely on from the command line: the check's decision in its JSON, marking an incident
 * retraining, several current files as one sample, the mitigated incident in the deploy JSON, a registry folder
 * that must exist, and help on every command. On Chicago L ridership: a model of 2002-2003 checked against 2010.
 */
class PipelineSupportCliTest {
    private static final Path DATA = Path.of("../test-resources/datasets");
    private static final Path DEMO = Path.of("src/main/resources/io/mlstages/cli/demo");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static String data(final String name) {
        return DATA.resolve(name).toString();
    }

    /** Trains on 2002-2003 (the demo's training file) and deploys it as version {@code version}. */
    private Path deployed(final Path registry, final String trainFile, final int version) throws IOException {
        Files.createDirectories(registry);
        Path pkg = dir.resolve("pkg-" + version);
        CliRun train = CliRun.of("train", "--data", DEMO.resolve(trainFile).toString(), "--target", "ridership",
                "--exclude", "date", "--algorithm", "linear", "-o", pkg.toString(), "-q");
        assertThat(train.exitCode()).as(train.err()).isZero();
        Path json = dir.resolve("deploy-" + version + ".json");
        CliRun deploy = CliRun.of("deploy", "--registry", registry.toString(), "--model", "ridership", "--package",
                pkg.toString(), "--force", "--json", json.toString(), "-q");
        assertThat(deploy.exitCode()).as(deploy.err()).isZero();
        assertThat(JSON.readTree(json.toFile()).path("version").asInt()).isEqualTo(version);
        return json;
    }

    private CliRun check(final Path registry, final Path json, final String... currents) {
        List<String> args = new ArrayList<>(List.of("check", "--registry", registry.toString(), "--model", "ridership",
                "--json", json.toString(), "-q"));
        for (String current : currents) {
            args.add("--current");
            args.add(current);
        }
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void shouldWriteTheModelTheIncidentAndTheRetrainDecisionIntoTheCheckJson() throws IOException {
        Path registry = dir.resolve("registry");
        deployed(registry, "chicago-a-train.csv", 1);

        Path clean = dir.resolve("clean.json");
        CliRun cleanRun = check(registry, clean, DEMO.resolve("chicago-a-live.csv").toString());
        assertThat(cleanRun.exitCode()).as(cleanRun.err()).isZero();
        JsonNode cleanReport = JSON.readTree(clean.toFile());
        assertThat(cleanReport.path("kind").asText()).isEqualTo("mlstages-drift-report");
        assertThat(cleanReport.path("model").asText()).isEqualTo("ridership");
        assertThat(cleanReport.path("version").asInt()).isEqualTo(1);
        assertThat(cleanReport.path("alias").asText()).isEqualTo("production");
        assertThat(cleanReport.path("incident").isNull()).isTrue();
        assertThat(cleanReport.path("retrain").path("due").asBoolean()).isFalse();
        assertThat(cleanReport.path("retrain").path("reason").asText()).isEqualTo("no drift");

        Path drift = dir.resolve("drift.json");
        CliRun driftRun = check(registry, drift, DEMO.resolve("chicago-b-live.csv").toString());
        assertThat(driftRun.exitCode()).as(driftRun.err()).isEqualTo(1);
        JsonNode report = JSON.readTree(drift.toFile());
        // the report's own fields are unchanged
        assertThat(report.path("datasetDrift").asBoolean()).isTrue();
        assertThat(report.path("columns").size()).isEqualTo(21);
        JsonNode incident = report.path("incident");
        assertThat(incident.path("id").asText()).isEqualTo("ridership-0001");
        assertThat(incident.path("stage").asText()).isEqualTo("OPEN");
        assertThat(incident.path("severity").asText()).isIn("LOW", "MEDIUM", "HIGH", "CRITICAL");
        assertThat(incident.path("opened").asBoolean()).isTrue();
        assertThat(incident.path("escalated").asBoolean()).isFalse();
        assertThat(incident.path("resolved").asBoolean()).isFalse();
        assertThat(report.path("retrain").path("due").asBoolean()).isTrue();
        assertThat(report.path("retrain").path("reason").asText()).contains("ridership-0001 opened");
    }

    @Test
    void shouldMarkAnIncidentRetrainingSoThatTheNextCheckHoldsTheCoolDown() throws IOException {
        Path registry = dir.resolve("registry");
        deployed(registry, "chicago-a-train.csv", 1);
        assertThat(check(registry, dir.resolve("first.json"), DEMO.resolve("chicago-b-live.csv").toString())
                .exitCode()).isEqualTo(1);

        CliRun marked = CliRun.of("incident", "retraining", "ridership-0001", "--registry", registry.toString(),
                "--reason", "job retrain #7 scheduled", "--json");

        assertThat(marked.exitCode()).as(marked.err()).isZero();
        JsonNode incident = JSON.readTree(marked.out());
        assertThat(incident.path("stage").asText()).isEqualTo("RETRAINING");
        assertThat(marked.out()).contains("job retrain #7 scheduled");
        Path second = dir.resolve("second.json");
        assertThat(check(registry, second, DEMO.resolve("chicago-b-next.csv").toString()).exitCode()).isEqualTo(1);
        JsonNode again = JSON.readTree(second.toFile());
        assertThat(again.path("incident").path("id").asText()).isEqualTo("ridership-0001");
        assertThat(again.path("incident").path("opened").asBoolean()).isFalse();
        assertThat(again.path("retrain").path("due").asBoolean()).isFalse();
        assertThat(again.path("retrain").path("reason").asText()).startsWith("cool-down");
    }

    @Test
    void shouldRefuseToMarkAnUnknownIncidentOrOneInAMissingRegistry() throws IOException {
        Path registry = dir.resolve("registry");
        deployed(registry, "chicago-a-train.csv", 1);

        CliRun unknown = CliRun.of("incident", "retraining", "ridership-0042", "--registry", registry.toString());
        CliRun missing = CliRun.of("incident", "retraining", "ridership-0001", "--registry",
                dir.resolve("absent").toString());

        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("ridership-0042");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("absent", "no such folder");
    }

    @Test
    void shouldNameTheMitigatedIncidentInTheDeployJson() throws IOException {
        Path registry = dir.resolve("registry");
        JsonNode first = JSON.readTree(deployed(registry, "chicago-a-train.csv", 1).toFile());
        assertThat(first.path("mitigatedIncident").isNull()).isTrue();
        assertThat(first.path("succeeded").asBoolean()).isTrue();
        assertThat(check(registry, dir.resolve("drift.json"), DEMO.resolve("chicago-b-live.csv").toString())
                .exitCode()).isEqualTo(1);

        // a forced (unverified) deployment leaves the incident open and says why
        JsonNode second = JSON.readTree(deployed(registry, "chicago-b-train.csv", 2).toFile());
        assertThat(second.path("mitigatedIncident").isNull()).isTrue();
        assertThat(second.path("notMitigated").asText()).contains("not blessed");
        assertThat(second.path("previous").asInt()).isEqualTo(1);

        // a retrain verified against the incident mitigates it
        Path pkg = dir.resolve("pkg-3");
        assertThat(CliRun.of("train", "--data", DEMO.resolve("chicago-b-train.csv").toString(), "--target",
                "ridership", "--exclude", "date", "--algorithm", "linear", "-o", pkg.toString(), "-q").exitCode())
                .isZero();
        CliRun validate = CliRun.of("validate", "--model", pkg.toString(), "--data",
                DEMO.resolve("chicago-b-live.csv").toString(), "--registry", registry.toString(), "--registry-model",
                "ridership", "--baseline-alias", "production", "--incident", "ridership-0001");
        assertThat(validate.exitCode()).as(validate.out() + validate.err()).isZero();
        Path json = dir.resolve("deploy-3.json");
        assertThat(CliRun.of("deploy", "--registry", registry.toString(), "--model", "ridership", "--package",
                pkg.toString(), "--json", json.toString(), "-q").exitCode()).isZero();
        JsonNode third = JSON.readTree(json.toFile());
        assertThat(third.path("mitigatedIncident").asText()).isEqualTo("ridership-0001");
        assertThat(third.has("notMitigated")).isFalse();
    }

    @Test
    void shouldWriteTheReasonIntoTheDeployJsonWhenTheDeploymentIsRefused() throws IOException {
        Path registry = dir.resolve("registry");
        deployed(registry, "chicago-a-train.csv", 1);
        Path unblessed = dir.resolve("pkg-1");
        Path json = dir.resolve("refused.json");

        CliRun refused = CliRun.of("deploy", "--registry", registry.toString(), "--model", "ridership", "--package",
                unblessed.toString(), "--json", json.toString(), "-q");

        assertThat(refused.exitCode()).isEqualTo(1);
        JsonNode result = JSON.readTree(json.toFile());
        assertThat(result.path("succeeded").asBoolean()).isFalse();
        assertThat(result.path("refused").asText()).contains("bless");
        assertThat(result.path("model").asText()).isEqualTo("ridership");
    }

    @Test
    void shouldCheckSeveralCurrentFilesAsOneSample() throws IOException {
        Path registry = dir.resolve("registry");
        deployed(registry, "chicago-a-train.csv", 1);
        Path both = dir.resolve("chicago-2010.csv");
        List<String> a = Files.readAllLines(DATA.resolve("chicago-2010-a.csv"));
        List<String> b = Files.readAllLines(DATA.resolve("chicago-2010-b.csv"));
        List<String> lines = new ArrayList<>(a);
        lines.addAll(b.subList(1, b.size()));
        Files.write(both, lines);

        Path split = dir.resolve("split.json");
        Path whole = dir.resolve("whole.json");
        CliRun splitRun = check(registry, split, data("chicago-2010-a.csv"), data("chicago-2010-b.csv"));
        assertThat(splitRun.exitCode()).as(splitRun.err()).isEqualTo(1);
        JsonNode fromParts = JSON.readTree(split.toFile());
        // the second check joins the incident the first opened; the verdicts are what is compared
        CliRun wholeRun = check(registry, whole, both.toString());
        assertThat(wholeRun.exitCode()).as(wholeRun.err()).isEqualTo(1);
        JsonNode fromWhole = JSON.readTree(whole.toFile());

        assertThat(fromParts.path("current").asText()).contains("chicago-2010-a.csv", "chicago-2010-b.csv");
        assertThat(fromParts.path("currentRows").asLong()).isEqualTo(a.size() - 1 + b.size() - 1)
                .isEqualTo(fromWhole.path("currentRows").asLong());
        // the same columns drift; the share may differ a little, as a merged profile only bounds a column's
        // distinct values from below, so a date column read in parts is not recognised as an identifier
        assertThat(drifted(fromParts)).isNotEmpty().isEqualTo(drifted(fromWhole));
    }

    @Test
    void shouldCompareSeveralCurrentFilesAsOneSampleInDrift() throws IOException {
        Path json = dir.resolve("drift.json");
        CliRun run = CliRun.of("drift", "--reference", data("chicago-2002.csv"), "--current",
                data("chicago-2010-a.csv"), "--current", data("chicago-2010-b.csv"), "--json", json.toString(), "-q");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        JsonNode report = JSON.readTree(json.toFile());
        assertThat(report.path("current").asText()).contains("chicago-2010-a.csv", "chicago-2010-b.csv");
        assertThat(report.path("currentRows").asLong()).isEqualTo(
                Files.readAllLines(DATA.resolve("chicago-2010-a.csv")).size() - 1
                        + Files.readAllLines(DATA.resolve("chicago-2010-b.csv")).size() - 1);
    }

    @Test
    void shouldNameTheFileAndTheColumnWhenCurrentFilesDisagree() throws IOException {
        // the second file lacks a column the first has
        Path second = dir.resolve("no-wind.csv");
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(DATA.resolve("chicago-2010-b.csv"))) {
            List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
            cells.remove(17); // wind
            out.add(String.join(",", cells));
        }
        assertThat(out.get(0)).doesNotContain("wind");
        Files.write(second, out);

        CliRun run = CliRun.of("drift", "--reference", data("chicago-2002.csv"), "--current",
                data("chicago-2010-a.csv"), "--current", second.toString(), "-q");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no-wind.csv", "wind");
    }

    @Test
    void shouldRefuseARegistryFolderThatDoesNotExistAndNotCreateIt() {
        Path absent = dir.resolve("not-mounted");
        CliRun check = CliRun.of("check", "--registry", absent.toString(), "--model", "ridership", "--current",
                data("chicago-2010-a.csv"), "-q");
        CliRun deploy = CliRun.of("deploy", "--registry", absent.toString(), "--model", "ridership", "--version", "1");
        CliRun validate = CliRun.of("validate", "--model", dir.resolve("pkg").toString(), "--data",
                data("chicago-2010-a.csv"), "--registry", absent.toString(), "--registry-model", "ridership");

        for (CliRun run : List.of(check, deploy, validate)) {
            assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
            assertThat(run.err()).contains(absent.toString(), "no such folder");
        }
        assertThat(absent).doesNotExist();
    }

    @Test
    void shouldPrintHelpForEveryCommandIncludingDeployWithItsVersionOption() {
        CliRun deploy = CliRun.of("deploy", "--help");
        assertThat(deploy.exitCode()).as(deploy.err()).isZero();
        assertThat(deploy.out()).contains("--version=N", "--registry=DIR");

        List<String> failed = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        collect(MlStages.commandLine(), new ArrayList<>(), failed, seen);

        assertThat(seen).contains("deploy", "incident retraining", "registry show", "check");
        assertThat(failed).isEmpty();
    }

    private static void collect(final CommandLine line, final List<String> path, final List<String> failed,
            final Set<String> seen) {
        for (var entry : line.getSubcommands().entrySet()) {
            if ("help".equals(entry.getKey())) {
                continue;
            }
            List<String> words = new ArrayList<>(path);
            words.add(entry.getKey());
            seen.add(String.join(" ", words));
            List<String> args = new ArrayList<>(words);
            args.add("--help");
            CliRun run = CliRun.of(args.toArray(String[]::new));
            if (run.exitCode() != 0 || !run.out().startsWith("Usage: mlstages " + String.join(" ", words))) {
                failed.add(String.join(" ", words) + ": exit " + run.exitCode() + " " + run.err());
            }
            collect(entry.getValue(), words, failed, seen);
        }
    }

    private static Set<String> drifted(final JsonNode report) {
        Set<String> names = new HashSet<>();
        report.path("columns").forEach(c -> {
            if (c.path("drift").asBoolean()) {
                names.add(c.path("name").asText());
            }
        });
        return names.stream().sorted().collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }
}
