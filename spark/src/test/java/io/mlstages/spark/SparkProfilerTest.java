package io.mlstages.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.mlstages.TestData;
import io.mlstages.data.ColumnType;
import io.mlstages.data.DataException;
import io.mlstages.data.ReadOptions;
import io.mlstages.drift.ColumnDrift;
import io.mlstages.drift.DriftCheck;
import io.mlstages.drift.DriftReport;
import io.mlstages.profile.ColumnProfile;
import io.mlstages.profile.NumericSummary;
import io.mlstages.profile.Profile;
import io.mlstages.profile.ProfileJson;
import io.mlstages.profile.ProfileSettings;
import io.mlstages.profile.Profiles;

/**
 * The Spark profile of a shipped dataset against the command line's profile of the same file ({@link Profiles#of},
 * which {@code mlstages profile} runs), with the file split into several partitions.
 */
class SparkProfilerTest {
    private static final double[] RANKS = {0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1};
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.session();
    }

    private static Dataset<Row> csv(final Path file) {
        return spark.read().option("header", "true").option("inferSchema", "false").option("mode", "FAILFAST")
                .csv(file.toString());
    }

    /** The columns must agree exactly in all but the moments (up to rounding) and the quantiles (checked apart). */
    private static void assertSameAsCli(final Profile spark, final Profile cli) {
        assertThat(spark.rows()).isEqualTo(cli.rows());
        assertThat(spark.settings()).isEqualTo(cli.settings());
        assertThat(spark.columns()).extracting(ColumnProfile::name).isEqualTo(cli.columns().stream()
                .map(ColumnProfile::name).toList());
        for (ColumnProfile want : cli.columns()) {
            ColumnProfile got = spark.column(want.name()).orElseThrow();
            assertThat(got.type()).as("type of %s", want.name()).isEqualTo(want.type());
            assertThat(got.count()).as("count of %s", want.name()).isEqualTo(want.count());
            assertThat(got.missing()).as("missing of %s", want.name()).isEqualTo(want.missing());
            assertThat(got.categories()).as("categories of %s", want.name()).isEqualTo(want.categories());
            NumericSummary a = got.numeric();
            NumericSummary b = want.numeric();
            if (b == null) {
                assertThat(a).isNull();
                continue;
            }
            assertThat(a.finite()).as(want.name()).isEqualTo(b.finite());
            assertThat(a.nan() + a.positiveInfinity() + a.negativeInfinity())
                    .isEqualTo(b.nan() + b.positiveInfinity() + b.negativeInfinity());
            assertThat(a.min()).as("min of %s", want.name()).isEqualTo(b.min());
            assertThat(a.max()).as("max of %s", want.name()).isEqualTo(b.max());
            assertThat(a.mean()).as(want.name()).isCloseTo(b.mean(), within(1e-9 * Math.max(1, Math.abs(b.mean()))));
            assertThat(a.std()).as(want.name()).isCloseTo(b.std(), within(1e-9 * Math.max(1, b.std())));
            assertThat(a.isExact()).isEqualTo(b.isExact());
            if (b.isExact()) {
                assertThat(a.values()).as("kept values of %s", want.name()).isEqualTo(b.values());
                assertThat(a.quantiles(RANKS)).isEqualTo(b.quantiles(RANKS));
                assertThat(a.histogram()).isEqualTo(b.histogram());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicago-2002.csv", "german-credit.csv", "seattle-weather.csv"})
    void shouldProfileACsvFileAsTheCommandLineDoes(final String name) {
        Path file = TestData.dataset(name);
        Dataset<Row> data = csv(file);
        assertThat(data.rdd().getNumPartitions()).as("partitions").isGreaterThan(1);

        Profile profile = SparkProfiler.profileText(data, name, ReadOptions.defaults(), ProfileSettings.defaults());

        assertSameAsCli(profile, Profiles.of(file, ReadOptions.defaults(), ProfileSettings.defaults()));
        assertThat(profile.sources()).singleElement().satisfies(s -> assertThat(s.rows()).isEqualTo(profile.rows()));
    }

    @Test
    void shouldKeepQuantilesWithinTheSketchErrorWhenPartitionsMergeTheirSketches() {
        // few kept values and a small k: every numeric column goes through the sketches and their merge
        Path file = TestData.dataset("german-credit.csv");
        ProfileSettings settings = ProfileSettings.defaults().withExactLimit(50).withSketchK(32);

        Profile profile = SparkProfiler.profileText(csv(file), "german", ReadOptions.defaults(), settings);

        Profile cli = Profiles.of(file, ReadOptions.defaults(), settings);
        assertSameAsCli(profile, cli);
        Profile exact = Profiles.of(file, ReadOptions.defaults(), settings.withExactLimit(10_000));
        for (ColumnProfile column : profile.columns()) {
            NumericSummary summary = column.numeric();
            if (summary == null) {
                continue;
            }
            assertThat(summary.isExact()).isFalse();
            double[] values = exact.column(column.name()).orElseThrow().numeric().values();
            double bound = summary.rankError();
            assertThat(bound).isPositive();
            double[] quantiles = summary.quantiles(RANKS);
            for (int i = 0; i < RANKS.length; i++) {
                // the quantile at rank r is a value whose true rank is within the bound of r
                double below = (double) NumericSummary.countAtMost(values, Math.nextDown(quantiles[i])) / values.length;
                double atMost = (double) NumericSummary.countAtMost(values, quantiles[i]) / values.length;
                assertThat(RANKS[i]).as("rank %s of %s", RANKS[i], column.name())
                        .isBetween(below - bound, atMost + bound);
            }
        }
    }

    @Test
    void shouldTypeAParquetCopyAsTheCommandLineTypesTheCsvFile(@TempDir final Path folder) {
        // the CSV file typed as the command line types it, written as Parquet with Spark's own types
        Path file = TestData.dataset("german-credit.csv");
        Profile cli = Profiles.of(file, ReadOptions.defaults(), ProfileSettings.defaults());
        List<Column> typed = new ArrayList<>();
        for (ColumnProfile column : cli.columns()) {
            Column cell = functions.col(column.name());
            boolean integral = column.numeric() != null && column.numeric().values() != null
                    && java.util.Arrays.stream(column.numeric().values()).allMatch(v -> v == Math.rint(v));
            typed.add(switch (column.type()) {
                case NUMERIC -> cell.cast(integral ? "int" : "double").alias(column.name());
                case BOOLEAN -> cell.cast("boolean").alias(column.name());
                case CATEGORICAL -> cell;
            });
        }
        Path parquet = folder.resolve("german-credit.parquet");
        csv(file).select(typed.toArray(Column[]::new)).write().parquet(parquet.toString());
        Dataset<Row> data = spark.read().parquet(parquet.toString());

        Profile profile = SparkProfiler.profileTyped(data, "german-credit.parquet", ReadOptions.defaults(),
                ProfileSettings.defaults());

        assertThat(SparkProfiler.schema(data.schema(), "p", ReadOptions.defaults()).columns())
                .isEqualTo(io.mlstages.data.DataReader.open(file, ReadOptions.defaults()).schema().columns());
        assertSameAsCli(profile, cli);
    }

    @Test
    void shouldProfileJsonLinesAsTheCommandLineProfilesTheSameRowsAsCsv(@TempDir final Path folder) {
        Path file = TestData.dataset("seattle-weather.csv");
        Path json = folder.resolve("seattle.jsonl");
        csv(file).write().json(json.toString()); // one JSON object per line, absent keys for empty cells
        Dataset<Row> data = spark.read().option("primitivesAsString", "true").json(json.toString());

        Profile profile = SparkProfiler.profileText(data, "seattle.jsonl", ReadOptions.defaults(),
                ProfileSettings.defaults());

        // Spark orders JSON columns by name: compare by name
        Profile cli = Profiles.of(file, ReadOptions.defaults(), ProfileSettings.defaults());
        assertThat(profile.rows()).isEqualTo(cli.rows());
        assertThat(profile.columns()).hasSameSizeAs(cli.columns());
        for (ColumnProfile want : cli.columns()) {
            ColumnProfile got = profile.column(want.name()).orElseThrow();
            assertThat(got.type()).as(want.name()).isEqualTo(want.type());
            assertThat(got.missing()).as(want.name()).isEqualTo(want.missing());
            assertThat(got.categories()).as(want.name()).isEqualTo(want.categories());
            if (want.numeric() != null) {
                assertThat(got.numeric().values()).as(want.name()).isEqualTo(want.numeric().values());
            }
        }
    }

    @Test
    void shouldMapSparkTypesToEngineTypesAndRefuseNestedColumnsByName() {
        Dataset<Row> data = spark.sql("SELECT CAST(1 AS TINYINT) a, CAST(2 AS BIGINT) b, CAST(1.5 AS DECIMAL(10,2)) c, "
                + "CAST(2.5 AS FLOAT) d, true e, 'x' f, DATE'2024-01-31' g, TIMESTAMP'2024-01-31 10:00:00' h");
        assertThat(SparkProfiler.schema(data.schema(), "literals", ReadOptions.defaults()).columns())
                .extracting(io.mlstages.data.Column::type).containsExactly(ColumnType.NUMERIC, ColumnType.NUMERIC,
                        ColumnType.NUMERIC, ColumnType.NUMERIC, ColumnType.BOOLEAN, ColumnType.CATEGORICAL,
                        ColumnType.CATEGORICAL, ColumnType.CATEGORICAL);

        Profile profile = SparkProfiler.profileTyped(data, "literals", ReadOptions.defaults(), ProfileSettings.defaults());
        assertThat(profile.column("c").orElseThrow().numeric().min()).isEqualTo(1.5);
        assertThat(profile.column("g").orElseThrow().categories().top().get(0).value()).isEqualTo("2024-01-31");
        assertThat(profile.column("h").orElseThrow().categories().top().get(0).value())
                .isEqualTo("2024-01-31 10:00:00");

        Dataset<Row> nested = spark.sql("SELECT 1 id, array(1, 2) scores");
        assertThatThrownBy(() -> SparkProfiler.profileTyped(nested, "events", ReadOptions.defaults(),
                ProfileSettings.defaults())).isInstanceOf(DataException.class)
                .hasMessageContaining("events").hasMessageContaining("scores").hasMessageContaining("array<int>");
    }

    @Test
    void shouldFailOnACellThatDoesNotFitItsColumnNamingColumnAndValue() {
        Path file = TestData.dataset("chicago-2002.csv");
        ReadOptions options = ReadOptions.defaults().withTypes(Map.of("day_of_week", ColumnType.NUMERIC));

        assertThatThrownBy(() -> SparkProfiler.profileText(csv(file), "chicago-2002.csv", options,
                ProfileSettings.defaults()))
                .satisfies(e -> assertThat(ProfileJob.known(e)).isInstanceOf(DataException.class)
                        .hasMessageContaining("chicago-2002.csv").hasMessageContaining("day_of_week")
                        .hasMessageMatching("(?s).*'(Mon|Tue|Wed|Thu|Fri|Sat|Sun)' is not a number.*"));
    }

    /** The drift verdicts between two Spark profiles equal those between the same two files on the command line. */
    @ParameterizedTest
    @ValueSource(strings = {"chicago-2008.csv", "chicago-2002.csv"})
    void shouldGiveTheDriftVerdictsOfTheCommandLine(final String currentName, @TempDir final Path folder)
            throws IOException {
        Path referenceFile = TestData.dataset("chicago-2002.csv");
        Path currentFile = TestData.dataset(currentName);
        Path reference = folder.resolve("reference.json");
        Path current = folder.resolve("current.json");
        ProfileJson.write(SparkProfiler.profileText(csv(referenceFile), "chicago-2002.csv", ReadOptions.defaults(),
                ProfileSettings.defaults()), reference);
        ProfileJson.write(SparkProfiler.profileText(csv(currentFile), currentName, ReadOptions.defaults(),
                ProfileSettings.defaults()), current);
        assertThat(Files.size(reference)).isPositive();

        DriftReport onSpark = DriftCheck.run(DriftCheck.Request.of(reference, List.of(current))).report();
        DriftReport onCli = DriftCheck.run(DriftCheck.Request.of(referenceFile, List.of(currentFile))).report();

        assertThat(onSpark.datasetDrift()).isEqualTo(onCli.datasetDrift()).isEqualTo(!currentName.equals("chicago-2002.csv"));
        assertThat(onSpark.columns()).hasSameSizeAs(onCli.columns());
        for (ColumnDrift want : onCli.columns()) {
            ColumnDrift got = onSpark.columns().stream().filter(c -> c.name().equals(want.name())).findFirst()
                    .orElseThrow();
            assertThat(got.drift()).as("verdict on %s", want.name()).isEqualTo(want.drift());
            assertThat(got.method()).isEqualTo(want.method());
            assertThat(got.score()).as("score of %s", want.name()).isCloseTo(want.score(), within(1e-9));
        }
    }
}
