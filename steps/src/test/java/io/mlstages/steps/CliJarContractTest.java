package io.mlstages.steps;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exit-code contract of the real {@code mlstages} jar in its own JVM, where an uncaught {@link Error} would
 * otherwise end the process with 1 ("drift found") and a stack trace: broken data and bad options exit 2 with
 * one line, and running out of memory exits 3 with one line (or succeeds), never 1. The in-process harnesses
 * (DataFuzzTest, OptionFuzzTest in cli) cover many more cases; these few check what only a real JVM shows.
 */
class CliJarContractTest {
    private static final Path CLI_JAR = Path.of("../cli/target/mlstages-all.jar");

    @TempDir
    static Path dir;

    /** A finished run of the jar. */
    record Run(int exitCode, String out, String err) {
    }

    @BeforeAll
    static void requireTheJar() {
        assertThat(CLI_JAR).as("the CLI's shaded jar, built by the cli module before this one").exists();
    }

    private static Run run(final String heap, final String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> options = new ArrayList<>(ChildJvm.DEFAULT_OPTIONS);
        options.add("-Xmx" + heap);
        ProcessBuilder builder = new ProcessBuilder(ChildJvm.command(java, options, CLI_JAR.toString(), List.of(args)));
        builder.environment().remove("MLSTAGES_DEBUG");
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("mlstages " + String.join(" ", args) + " did not finish in 3 minutes");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static void assertOneLine(final Run run, final int code, final String... fragments) {
        String what = "exit " + run.exitCode() + ": " + run.err();
        assertThat(run.exitCode()).as(what).isEqualTo(code);
        assertThat(run.err().strip()).as(what).startsWith("mlstages: ").doesNotContain("\n", "\tat ").hasSizeLessThan(1500);
        for (String fragment : fragments) {
            assertThat(run.err()).as(what).contains(fragment);
        }
    }

    private static String rows(final int count) {
        StringBuilder text = new StringBuilder("x,y,colour\n");
        for (int i = 0; i < count; i++) {
            text.append(i).append(',').append(i * 0.5).append(',').append(i % 3 == 0 ? "red" : "blue").append('\n');
        }
        return text.toString();
    }

    @Test
    void shouldRefuseBrokenDataWithOneLocatedLine() throws Exception {
        byte[] clean = rows(10_000).getBytes(StandardCharsets.UTF_8); // about 150 KB
        byte[] nul = clean.clone();
        int at = 120_000;
        while (nul[at - 1] != '\n') {
            at++;
        }
        nul[at] = 0;
        Path deepNul = Files.write(dir.resolve("deep-nul.csv"), nul);
        assertOneLine(run("256m", "profile", "-q", deepNul.toString(), "-o", dir.resolve("p.json").toString()), 2,
                "deep-nul.csv, line ", "NUL byte");

        Path huge = Files.writeString(dir.resolve("huge-cell.csv"), rows(100) + "7," + "9x".repeat(2_000_000)
                + ",red\n");
        Path good = Files.writeString(dir.resolve("good.csv"), rows(100));
        assertOneLine(run("256m", "drift", "-q", "--reference", good.toString(), "--current", huge.toString(),
                "--type", "x=numeric"), 2, "huge-cell.csv, line 102", "(4000000 characters)");

        Path truncated = Files.writeString(dir.resolve("truncated.jsonl"), "{\"x\": 1, \"y\": \"a\"}\n{\"x\": 2, \"y\": \"b\"}\n"
                + "{\"x\": 3, \"y\":");
        assertOneLine(run("256m", "profile", "-q", truncated.toString(), "-o", dir.resolve("t.json").toString()), 2,
                "truncated.jsonl, line 3");
    }

    /**
     * Reading Parquet prints nothing on stderr: Parquet logs through SLF4J, and the jar held a 2.x no-op binding
     * that the 1.7 API does not see, so SLF4J printed three lines of warning on every Parquet read.
     */
    @Test
    void shouldReadParquetWithoutLoggingNoise() throws Exception {
        Run run = run("256m", "profile", "-q", Path.of("../test-resources/parquet/types.parquet").toString(), "-o",
                dir.resolve("types.json").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(dir.resolve("types.json")).isNotEmptyFile();
    }

    @Test
    void shouldRefuseAnOutOfRangeOptionWithOneLine() throws Exception {
        Path data = Files.writeString(dir.resolve("small.csv"), rows(50));
        assertOneLine(run("256m", "profile", data.toString(), "-o", dir.resolve("b.json").toString(), "--bins",
                "2147483647"), 2, "--bins");
        assertOneLine(run("256m", "train", "--data", data.toString(), "--target", "colour", "--command", "true",
                "-o", dir.resolve("m").toString(), "--timeout", "999999999999999d"), 2, "--timeout");
    }

    @Test
    void shouldNeverExitOneWhenMemoryRunsOut() throws Exception {
        // 20,000 columns: a heap this small runs out while profiling unless profiling is bounded in memory
        StringBuilder header = new StringBuilder();
        StringBuilder row = new StringBuilder();
        for (int c = 0; c < 20_000; c++) {
            header.append(c == 0 ? "" : ",").append('c').append(c);
            row.append(c == 0 ? "" : ",").append(c % 10);
        }
        StringBuilder text = new StringBuilder(header).append('\n');
        for (int r = 0; r < 5; r++) {
            text.append(row).append('\n');
        }
        Path wide = Files.writeString(dir.resolve("wide.csv"), text);

        for (String command : List.of("profile", "drift")) {
            Run run = "profile".equals(command)
                    ? run("24m", "profile", "-q", wide.toString(), "-o", dir.resolve("w.json").toString())
                    : run("24m", "drift", "-q", "--reference", wide.toString(), "--current", wide.toString());
            String what = command + ": exit " + run.exitCode() + ": " + run.err();
            assertThat(run.exitCode()).as(what).isIn(0, 3);
            assertThat(run.err()).as(what).doesNotContain("\tat ");
            if (run.exitCode() == 3) {
                assertOneLine(run, 3, "internal error: OutOfMemoryError");
            }
        }
    }
}
