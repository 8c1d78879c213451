package io.mlstages.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wide tables in a small heap (issue 11, item 3): a CSV of 20,000 numeric columns and 4 rows (about 290 KB)
 * profiles and drift-checks in a child JVM limited to 256 MB, with the right verdict. Before, every column got
 * a full-size sketch and block buffer up front (about 24 KB per column), and the run died of OutOfMemoryError.
 */
class WideDataMemoryTest {
    private static final int COLUMNS = 20_000;
    /** Columns below this index move by 100 in the shifted file: 60% of them, above the 50% drift share. */
    private static final int SHIFTED = 12_000;

    @TempDir
    Path dir;

    @Test
    void shouldProfileAndCheckTwentyThousandColumnsIn256Megabytes() throws Exception {
        Path reference = write("reference.csv", 0);
        Path same = write("same.csv", 0);
        Path shifted = write("shifted.csv", 100);
        Path profile = dir.resolve("reference.json");
        assertThat(Files.size(reference)).isBetween(200_000L, 400_000L);

        Result profiled = run("profile", "-q", reference.toString(), "-o", profile.toString());
        assertThat(profiled.exit).as(profiled.err).isZero();
        assertThat(json(profile).path("columns").size()).isEqualTo(COLUMNS);

        Result clean = run("drift", "-q", "--reference", profile.toString(), "--current", same.toString(),
                "--json", dir.resolve("clean.json").toString());
        assertThat(clean.exit).as(clean.err).isZero();
        assertThat(json(dir.resolve("clean.json")).path("driftedColumns").asInt()).isZero();

        Result drifted = run("drift", "-q", "--reference", reference.toString(), "--current", shifted.toString(),
                "--json", dir.resolve("drift.json").toString());
        assertThat(drifted.exit).as(drifted.err).isEqualTo(1);
        JsonNode report = json(dir.resolve("drift.json"));
        assertThat(report.path("datasetDrift").asBoolean()).isTrue();
        assertThat(report.path("driftedColumns").asInt()).isEqualTo(SHIFTED);
        assertThat(report.path("columns").get(0).path("drift").asBoolean()).isTrue();
        assertThat(report.path("columns").get(COLUMNS - 1).path("drift").asBoolean()).isFalse();
    }

    /**
     * A Parquet file of 500 text columns x 100,000 rows in one row group (test-resources/parquet/wide.parquet,
     * written by DuckDB) profiles and drift-checks in a 128 MB heap. Read a row at a time, the reader held every
     * column's page decoded at once (about 0.5 MB per column) and died of OutOfMemoryError even in 256 MB;
     * profiling now reads it a column at a time.
     */
    @Test
    void shouldProfileAndCheckAWideParquetFileIn128Megabytes() throws Exception {
        Path wide = Path.of("../test-resources/parquet/wide.parquet");
        Path profile = dir.resolve("wide.json");
        Result profiled = inHeap("128m", "profile", "-q", wide.toString(), "-o", profile.toString());
        assertThat(profiled.exit).as(profiled.err).isZero();
        JsonNode columns = json(profile).path("columns");
        assertThat(columns.size()).isEqualTo(500);
        assertThat(json(profile).path("rows").asLong()).isEqualTo(100_000);

        Result checked = inHeap("128m", "drift", "-q", "--reference", wide.toString(), "--current", wide.toString(),
                "--json", dir.resolve("wide-drift.json").toString());
        assertThat(checked.exit).as(checked.err).isZero();
        JsonNode report = json(dir.resolve("wide-drift.json"));
        assertThat(report.path("columns").size()).isEqualTo(500);
        assertThat(report.path("driftedColumns").asInt()).isZero();
        assertThat(report.path("referenceRows").asLong()).isEqualTo(100_000);
    }

    /** 4 rows of one-digit values (column i holds i mod 10 plus the row, plus the shift for the first columns). */
    private Path write(final String name, final int shift) throws IOException {
        Path file = dir.resolve(name);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < COLUMNS; c++) {
                line.append(c == 0 ? "" : ",").append('c').append(c);
            }
            out.write(line.append('\n').toString());
            for (int row = 0; row < 4; row++) {
                line.setLength(0);
                for (int c = 0; c < COLUMNS; c++) {
                    line.append(c == 0 ? "" : ",").append((c + row) % 10 + (c < SHIFTED ? shift : 0));
                }
                out.write(line.append('\n').toString());
            }
        }
        return file;
    }

    private record Result(int exit, String err) {
    }

    /** The command line in a child JVM with a small heap (256 MB unless given) (the same classes as this test: the CLI's classpath). */
    private Result run(final String... args) throws IOException, InterruptedException {
        return inHeap("256m", args);
    }

    private Result inHeap(final String heap, final String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + heap, "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        Path err = dir.resolve("stderr.txt");
        Process process = new ProcessBuilder(command).redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(err.toFile()).start();
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("finished in time").isTrue();
        return new Result(process.exitValue(), Files.readString(err));
    }

    private static JsonNode json(final Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }
}
