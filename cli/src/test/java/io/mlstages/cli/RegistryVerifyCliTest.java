package io.mlstages.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mlstages registry verify} on a registry built by the real commands (train, validate, deploy three times,
 * rollback), then damaged in one way per test, on a copy.
 */
class RegistryVerifyCliTest {
    private static final Path DATA = Path.of("../test-resources/datasets");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    static Path pristine;

    @TempDir
    Path dir;

    @BeforeAll
    static void build() {
        Path pkg = shared.resolve("logit");
        run(0, "train", "--data", DATA.resolve("breast-cancer-train.csv").toString(), "--target", "diagnosis",
                "--algorithm", "logistic", "-o", pkg.toString(), "-q");
        run(0, "validate", "--model", pkg.toString(), "--data", DATA.resolve("breast-cancer-test.csv").toString(),
                "--min", "accuracy=0.9");
        pristine = shared.resolve("registry");
        try {
            Files.createDirectory(pristine);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        for (int i = 1; i <= 3; i++) {
            run(0, "deploy", "--registry", pristine.toString(), "--model", "cancer", "--package", pkg.toString(),
                    "--message", "release " + i, "-q");
        }
        run(0, "rollback", "--registry", pristine.toString(), "--model", "cancer", "--message", "back", "-q");
    }

    @Test
    void shouldPassARegistryBuiltByTheCommands() throws IOException {
        CliRun run = verify(copy());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("Clean: 0 findings in 1 model, 3 versions, 4 alias moves");
    }

    @Test
    void shouldFindAFlippedByteNamingModelVersionAndFile() throws IOException {
        Path registry = copy();
        Path file = registry.resolve("models/cancer/versions/2/package/model.json");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(file, bytes);

        CliRun run = verify(registry);

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("model cancer version 2: models/cancer/versions/2/package/model.json: "
                + "corrupted or changed: its SHA-256 is ")
                // version 2 is what production points at after the rollback
                .contains("model cancer version 2: models/cancer/versions/2: alias production points at this version, "
                        + "which does not verify")
                .doesNotContain("version 1:").doesNotContain("version 3:")
                .doesNotContain(registry.toAbsolutePath().toString());
        assertThat(verify(registry, "--model", "cancer", "--version", "1").exitCode()).isZero();
        assertThat(verify(registry, "--model", "cancer", "--version", "2").exitCode()).isEqualTo(1);
    }

    @Test
    void shouldFindADeletedVersionFolder() throws IOException {
        Path registry = copy();
        deleteTree(registry.resolve("models/cancer/versions/1"));

        CliRun run = verify(registry);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("model cancer version 1: models/cancer/versions/1: missing: versions are "
                + "numbered without gaps, and no retention ran");
    }

    @Test
    void shouldFindAGapAndAFolderThatRecordsAnotherVersion() throws IOException {
        Path registry = copy();
        Files.move(registry.resolve("models/cancer/versions/3"), registry.resolve("models/cancer/versions/4"));

        CliRun run = verify(registry);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("model cancer version 3: models/cancer/versions/3: missing: versions are "
                + "numbered without gaps")
                .contains("model cancer version 4: models/cancer/versions/4/version.json: malformed: it records "
                        + "model cancer version 3 but lies in the folder of model cancer version 4");
    }

    @Test
    void shouldFindABrokenHistoryChain() throws IOException {
        Path registry = copy();
        Path history = registry.resolve("models/cancer/history.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(history));
        // drop the move 1 -> 2: the move 2 -> 3 then starts where the alias never was
        lines.remove(1);
        Files.write(history, lines);

        CliRun run = verify(registry);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("model cancer: models/cancer/history.jsonl: line 2 (promote of alias "
                + "production): broken chain: the move starts from version 2, but the alias pointed at version 1");
    }

    @Test
    void shouldFindAnAliasMovedToAMissingVersion() throws IOException {
        Path registry = copy();
        Path history = registry.resolve("models/cancer/history.jsonl");
        String last = Files.readAllLines(history).get(3);
        JsonNode move = JSON.readTree(last);
        String added = JSON.createObjectNode().put("model", "cancer").put("alias", "staging").putNull("from")
                .put("to", 9).put("at", move.get("at").asText()).put("user", "mallory").put("message", "")
                .put("action", "promote").put("forced", false).toString();
        Files.writeString(history, added + "\n", StandardOpenOption.APPEND);

        CliRun run = verify(registry, "--json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("clean").asBoolean()).isFalse();
        assertThat(report.get("moves").asInt()).isEqualTo(5);
        List<String> problems = new ArrayList<>();
        report.get("findings").forEach(f -> problems.add(f.get("version").asText() + " " + f.get("file").asText()
                + " " + f.get("problem").asText()));
        assertThat(problems).contains("9 models/cancer/history.jsonl line 5 (promote of alias staging): names "
                + "version 9, which was never registered (the highest number handed out is 3)",
                "9 models/cancer/versions/9 missing, yet alias staging points at it");
    }

    @Test
    void shouldFindHalfWrittenFilesButOnlyNoteATornHistoryLine() throws IOException {
        Path registry = copy();
        Path record = registry.resolve("models/cancer/versions/1/version.json");
        byte[] bytes = Files.readAllBytes(record);
        Files.write(record, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Path coefficients = registry.resolve("models/cancer/versions/3/package/coefficients.json");
        byte[] model = Files.readAllBytes(coefficients);
        Files.write(coefficients, java.util.Arrays.copyOf(model, model.length / 2));

        CliRun run = verify(registry);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("model cancer version 1: models/cancer/versions/1/version.json: not readable "
                + "JSON").contains("model cancer version 3: models/cancer/versions/3/package/coefficients.json: "
                + "corrupted or changed");

        // a torn last history line is what a writer killed mid-append leaves: readers ignore it, so it is a note
        Path clean = copy();
        Files.writeString(clean.resolve("models/cancer/history.jsonl"), "{\"model\":\"cancer\",\"al",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        CliRun torn = verify(clean);
        assertThat(torn.exitCode()).as(torn.out()).isZero();
        assertThat(torn.out()).contains("note: model cancer: models/cancer/history.jsonl: its last line (21 bytes) "
                + "has no newline");
    }

    @Test
    void shouldFindAFileAddedToAVersionAndAMalformedHistoryLine() throws IOException {
        Path registry = copy();
        Files.writeString(registry.resolve("models/cancer/versions/2/package/extra.txt"), "x");
        Path history = registry.resolve("models/cancer/history.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(history));
        lines.set(2, "{not json");
        Files.write(history, lines);

        CliRun run = verify(registry);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("model cancer version 2: models/cancer/versions/2/package/extra.txt: added "
                + "after registration").contains("models/cancer/history.jsonl: line 3: malformed alias move");
    }

    @Test
    void shouldExit2ForBadInputNamingIt() throws IOException {
        Path registry = copy();
        CliRun missing = verify(dir.resolve("nowhere"));
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("nowhere").contains("no such folder");

        CliRun notRegistry = verify(Files.createDirectory(dir.resolve("empty")));
        assertThat(notRegistry.exitCode()).isEqualTo(2);
        assertThat(notRegistry.err()).contains("not a registry");

        CliRun versionAlone = verify(registry, "--version", "1");
        assertThat(versionAlone.exitCode()).isEqualTo(2);
        assertThat(versionAlone.err()).contains("--version 1 needs --model");

        CliRun unknownModel = verify(registry, "--model", "dog");
        assertThat(unknownModel.exitCode()).isEqualTo(2);
        assertThat(unknownModel.err()).contains("No model named dog");

        CliRun unknownVersion = verify(registry, "--model", "cancer", "--version", "7");
        assertThat(unknownVersion.exitCode()).isEqualTo(2);
        assertThat(unknownVersion.err()).contains("Model cancer has no version 7");
        assertThat(Files.exists(dir.resolve("empty").resolve("registry.json"))).as("verify creates nothing").isFalse();
    }

    private static CliRun verify(final Path registry, final String... more) {
        List<String> args = new ArrayList<>(List.of("registry", "verify", "--registry", registry.toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static void run(final int expected, final String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run.out() + run.err()).isEqualTo(expected);
    }

    private Path copy() throws IOException {
        Path target = dir.resolve("registry-" + System.nanoTime());
        try (Stream<Path> walk = Files.walk(pristine)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                Path to = target.resolve(pristine.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(path, to);
                }
            }
        }
        return target;
    }

    private static void deleteTree(final Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
