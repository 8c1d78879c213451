package io.mlstages.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The commands on Parquet data that DuckDB wrote (test-resources/parquet): the same verdicts as on the CSV it was
 * made from, and exit code 2 with the file and column named for what cannot be read.
 */
class ParquetCliTest {
    private static final Path DATA = Path.of("../test-resources/datasets");
    private static final Path PARQUET = Path.of("../test-resources/parquet");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static String csv(final String name) {
        return DATA.resolve(name).toString();
    }

    private static String parquet(final String name) {
        return PARQUET.resolve(name).toString();
    }

    private JsonNode drift(final int exit, final String reference, final String current, final String... extra)
            throws IOException {
        Path json = dir.resolve("drift-" + System.nanoTime() + ".json");
        String[] args = new String[7 + extra.length];
        args[0] = "drift";
        args[1] = "--reference";
        args[2] = reference;
        args[3] = "--current";
        args[4] = current;
        args[5] = "--json";
        args[6] = json.toString();
        System.arraycopy(extra, 0, args, 7, extra.length);
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(exit);
        return JSON.readTree(json.toFile());
    }

    private static Map<String, String> verdicts(final JsonNode report) {
        Map<String, String> verdicts = new LinkedHashMap<>();
        report.path("columns").forEach(c -> verdicts.put(c.path("name").asText(),
                c.path("drift").asBoolean() + " " + c.path("score").asText()));
        return verdicts;
    }

    @Test
    void shouldFindTheSameDriftInParquetAsInTheCsv() throws IOException {
        JsonNode csv = drift(1, csv("chicago-2002.csv"), csv("chicago-2008.csv"), "--quiet");
        JsonNode parquet = drift(1, parquet("chicago-2002.parquet"), parquet("chicago-2008-parts"), "--quiet");
        assertThat(verdicts(parquet)).isEqualTo(verdicts(csv)).hasSize(21);
        assertThat(parquet.path("datasetDrift").asBoolean()).isTrue();
    }

    @Test
    void shouldCompareAStoredProfileOfParquetWithCsvData() throws IOException {
        Path profile = dir.resolve("reference.json");
        CliRun run = CliRun.of("profile", parquet("chicago-2002.parquet"), "-o", profile.toString(), "--quiet");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode mixed = drift(1, profile.toString(), csv("chicago-2008.csv"), "--quiet");
        JsonNode csv = drift(1, csv("chicago-2002.csv"), csv("chicago-2008.csv"), "--quiet");
        assertThat(verdicts(mixed)).isEqualTo(verdicts(csv));
    }

    @Test
    void shouldReadParquetByFormatWhateverTheFileName() throws IOException {
        Path renamed = Files.copy(PARQUET.resolve("chicago-2008.parquet"), dir.resolve("export.dat"));
        JsonNode report = drift(1, parquet("chicago-2002.parquet"), renamed.toString(), "--format", "parquet",
                "--quiet");
        assertThat(report.path("currentRows").asLong()).isEqualTo(366);
    }

    @Test
    void shouldTrainAndValidateOnParquetAsOnCsv() {
        Path fromCsv = dir.resolve("csv-model");
        Path fromParquet = dir.resolve("parquet-model");
        CliRun a = CliRun.of("train", "--data", csv("breast-cancer-train.csv"), "--target", "diagnosis",
                "--algorithm", "logistic", "-o", fromCsv.toString(), "--quiet");
        CliRun b = CliRun.of("train", "--data", parquet("breast-cancer-train.parquet"), "--target", "diagnosis",
                "--algorithm", "logistic", "-o", fromParquet.toString(), "--quiet");
        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(b.exitCode()).as(b.err()).isZero();
        assertThat(metrics(b.out())).isEqualTo(metrics(a.out())).hasSize(2);
        CliRun va = CliRun.of("validate", "--model", fromCsv.toString(), "--data", csv("breast-cancer-test.csv"),
                "--min", "accuracy=0.9", "--quiet");
        CliRun vb = CliRun.of("validate", "--model", fromParquet.toString(), "--data",
                parquet("breast-cancer-test.parquet"), "--min", "accuracy=0.9", "--quiet");
        assertThat(va.exitCode()).as(va.err()).isZero();
        assertThat(vb.exitCode()).as(vb.err()).isZero();
        assertThat(metrics(vb.out())).isEqualTo(metrics(va.out())).isNotEmpty();
    }

    /** The lines of a validation's text output that carry a metric's value. */
    private static java.util.List<String> metrics(final String out) {
        return out.lines().filter(l -> l.matches(".*(accuracy|auc|f1|log_loss).*\\d.*")).sorted().toList();
    }

    @Test
    void shouldExitTwoNamingATruncatedFile() {
        CliRun run = CliRun.of("profile", parquet("truncated.parquet"), "-o", dir.resolve("p.json").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("truncated.parquet: is truncated: it starts as a Parquet file but does not end "
                + "with PAR1");
    }

    @Test
    void shouldExitTwoNamingAFileThatIsNotParquet() throws IOException {
        CliRun run = CliRun.of("drift", "--reference", parquet("chicago-2002.parquet"), "--current",
                parquet("not-parquet.parquet"));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("not-parquet.parquet: is not a Parquet file: it neither starts nor ends with "
                + "PAR1; it looks like text");
    }

    @Test
    void shouldExitTwoNamingANestedColumnUnlessColumnsLeaveItOut() throws IOException {
        CliRun refused = CliRun.of("profile", parquet("nested.parquet"), "-o", dir.resolve("p.json").toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("nested.parquet, column 'tags': is a list, which cannot be read as one "
                + "column; name the columns to read");
        Path profile = dir.resolve("profile.json");
        CliRun read = CliRun.of("profile", parquet("nested.parquet"), "--columns", "id,score", "-o",
                profile.toString());
        assertThat(read.exitCode()).as(read.err()).isZero();
        assertThat(read.err()).contains("warning: " + parquet("nested.parquet") + ": column 'tags' is a list: left out",
                "column 'point' is a nested group of 2 fields: left out");
        JsonNode columns = JSON.readTree(profile.toFile()).path("columns");
        assertThat(columns).hasSize(2);
        JsonNode drifted = drift(0, parquet("nested.parquet"), parquet("nested.parquet"), "--columns", "score",
                "--quiet");
        assertThat(verdicts(drifted)).containsOnlyKeys("score");
    }
}
