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
import java.util.function.UnaryOperator;

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
import io.mlstages.drift.DriftOptions;
import io.mlstages.drift.DriftReport;
import io.mlstages.drift.SegmentDrift;
import io.mlstages.drift.SegmentOptions;
import io.mlstages.profile.ColumnProfile;
import io.mlstages.profile.NumericSummary;
import io.mlstages.profile.Profile;
import io.mlstages.profile.ProfileException;
import io.mlstages.profile.ProfileJson;
import io.mlstages.profile.ProfileSettings;
import io.mlstages.profile.Profiles;
import io.mlstages.profile.SegmentProfiles;

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
            assertWithinRankError(summary, exact.column(column.name()).orElseThrow().numeric().values(),
                    column.name());
        }
    }

    /** Each sketch quantile is a value whose true rank among {@code values} is within the sketch's bound. */
    private static void assertWithinRankError(final NumericSummary summary, final double[] values, final String name) {
        double bound = summary.rankError();
        assertThat(bound).isPositive();
        double[] quantiles = summary.quantiles(RANKS);
        for (int i = 0; i < RANKS.length; i++) {
            double below = (double) NumericSummary.countAtMost(values, Math.nextDown(quantiles[i])) / values.length;
            double atMost = (double) NumericSummary.countAtMost(values, quantiles[i]) / values.length;
            assertThat(RANKS[i]).as("rank %s of %s", RANKS[i], name).isBetween(below - bound, atMost + bound);
        }
    }

    /**
     * The segments as {@code mlstages profile --segment} stores them: the same segment columns, the same values in
     * the same order (largest first), each value's profile equal as the whole's is; sketch quantiles within the
     * bound of the true ranks in {@code exact} (the same segments profiled with every value kept), when given.
     */
    private static void assertSameSegments(final Profile spark, final Profile cli, final Profile exact) {
        assertThat(spark.schemaVersion()).isEqualTo(cli.schemaVersion()).isEqualTo(Profile.SEGMENTS_SCHEMA_VERSION);
        assertThat(spark.segments()).extracting(SegmentProfiles::column)
                .isEqualTo(cli.segments().stream().map(SegmentProfiles::column).toList());
        for (SegmentProfiles want : cli.segments()) {
            SegmentProfiles got = spark.segments(want.column()).orElseThrow();
            assertThat(got.segments()).extracting(SegmentProfiles.Segment::value).as("values of %s", want.column())
                    .containsExactlyElementsOf(want.segments().stream().map(SegmentProfiles.Segment::value).toList());
            assertThat(got.other().rows()).isEqualTo(want.other().rows()).isZero();
            for (SegmentProfiles.Segment segment : want.segments()) {
                Profile mine = got.segment(segment.value()).orElseThrow();
                assertSameAsCli(mine, segment.profile());
                Profile all = exact.segments(want.column()).orElseThrow().segment(segment.value()).orElseThrow();
                for (ColumnProfile column : mine.columns()) {
                    NumericSummary summary = column.numeric();
                    if (summary != null && !summary.isExact()) {
                        assertWithinRankError(summary, all.column(column.name()).orElseThrow().numeric().values(),
                                want.column() + "=" + segment.value() + ": " + column.name());
                    }
                }
            }
        }
    }

    @Test
    void shouldProfileSegmentsAsTheCommandLineDoes() {
        // few kept values and a small k: the larger segments' numeric columns go through the sketches' merge
        Path file = TestData.dataset("german-credit.csv");
        ProfileSettings settings = ProfileSettings.defaults().withExactLimit(50).withSketchK(32);
        List<String> segments = List.of("housing", "purpose", "job");
        int capacity = SegmentOptions.capacity(SegmentOptions.DEFAULT_MAX_SEGMENTS);

        Profile profile = SparkProfiler.profileText(csv(file), "german-credit.csv", ReadOptions.defaults(), settings,
                segments, capacity);

        Profile cli = Profiles.of(file, ReadOptions.defaults(), settings, UnaryOperator.identity(), segments, capacity);
        Profile exact = Profiles.of(file, ReadOptions.defaults(), settings.withExactLimit(10_000),
                UnaryOperator.identity(), segments, capacity);
        assertSameAsCli(profile, cli);
        assertSameSegments(profile, cli, exact);
        // the sketch path was taken: radio/tv has 280 rows, more than the 50 values kept
        assertThat(profile.segments("purpose").orElseThrow().segment("radio/tv").orElseThrow()
                .column("duration").orElseThrow().numeric().isExact()).isFalse();
    }

    @Test
    void shouldRefuseASegmentColumnTheDataLacksBeforeAnyTaskRuns() {
        Path file = TestData.dataset("german-credit.csv");

        assertThatThrownBy(() -> SparkProfiler.profileText(csv(file), "german-credit.csv", ReadOptions.defaults(),
                ProfileSettings.defaults(), List.of("housin"), 40))
                .isInstanceOf(ProfileException.class).hasMessageContaining("german-credit.csv")
                .hasMessageContaining("'housin'");
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

        // a numeric segment column too: an int's segment is named by its text, "4", as in the CSV file (and as the
        // engine's Parquet reader names it; that reader cannot run here, beside Spark's older Parquet)
        List<String> segments = List.of("installment_commitment", "housing");

        Profile profile = SparkProfiler.profileTyped(data, "german-credit.parquet", ReadOptions.defaults(),
                ProfileSettings.defaults(), segments, 40);

        assertThat(SparkProfiler.schema(data.schema(), "p", ReadOptions.defaults()).columns())
                .isEqualTo(io.mlstages.data.DataReader.open(file, ReadOptions.defaults()).schema().columns());
        assertSameAsCli(profile, cli);
        Profile cliSegments = Profiles.of(file, ReadOptions.defaults(), ProfileSettings.defaults(),
                UnaryOperator.identity(), segments, 40);
        assertSameSegments(profile, cliSegments, cliSegments);
        assertThat(profile.segments("installment_commitment").orElseThrow().segments())
                .extracting(SegmentProfiles.Segment::value).containsExactlyInAnyOrder("1", "2", "3", "4");
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

    /**
     * The segment verdicts: two Spark profiles compared per segment equal the command line's comparison of the two
     * files; and a check against a stored training profile ({@link DriftCheck#against}, what {@code mlstages check
     * --segment} runs) with the Spark profile as the current data equals the check of the file itself.
     */
    @Test
    void shouldGiveTheSegmentDriftVerdictsOfTheCommandLine(@TempDir final Path folder) {
        Path trainFile = TestData.dataset("german-credit-train.csv");
        Path currentFile = RentDrift.write(folder);
        SegmentOptions housing = SegmentOptions.of(List.of("housing"));
        DriftOptions options = DriftOptions.defaults().withColumns(RentDrift.COLUMNS).withSegments(housing);
        Path reference = folder.resolve("train.json");
        Path current = folder.resolve("current.json");
        ProfileJson.write(SparkProfiler.profileText(csv(trainFile), "train", ReadOptions.defaults(),
                ProfileSettings.defaults(), housing.columns(), housing.capacity()), reference);
        ProfileJson.write(SparkProfiler.profileText(csv(currentFile), "current", ReadOptions.defaults(),
                ProfileSettings.defaults(), housing.columns(), housing.capacity()), current);

        DriftReport onSpark = DriftCheck.run(new DriftCheck.Request(reference, List.of(current), options, null, null,
                null)).report();
        DriftReport onCli = DriftCheck.run(new DriftCheck.Request(trainFile, List.of(currentFile), options, null, null,
                null)).report();

        assertSameVerdicts(onSpark, onCli);
        assertThat(onCli.segments()).isNotEmpty();
        assertThat(onCli.segments().get(0).value()).isEqualTo("rent");
        assertThat(onCli.segments().get(0).datasetDrift()).isTrue();
        assertThat(onCli.datasetDrift()).isTrue();

        Profile training = Profiles.of(trainFile, ReadOptions.defaults(), ProfileSettings.defaults(),
                UnaryOperator.identity(), housing.columns(), housing.capacity());
        DriftReport checkOfSpark = DriftCheck.against(training, "the training profile's", List.of(current), options,
                ReadOptions.defaults()).report();
        DriftReport checkOfFile = DriftCheck.against(training, "the training profile's", List.of(currentFile),
                options, ReadOptions.defaults()).report();
        assertSameVerdicts(checkOfSpark, checkOfFile);
    }

    /** The whole data's and every segment's verdicts, methods and scores. */
    private static void assertSameVerdicts(final DriftReport got, final DriftReport want) {
        assertThat(got.datasetDrift()).isEqualTo(want.datasetDrift());
        assertSameColumnVerdicts(got.columns(), want.columns(), "the whole data");
        assertThat(got.segments()).hasSameSizeAs(want.segments());
        for (int i = 0; i < want.segments().size(); i++) {
            SegmentDrift a = got.segments().get(i);
            SegmentDrift b = want.segments().get(i);
            String name = b.column() + "=" + b.value();
            assertThat(a.column()).isEqualTo(b.column());
            assertThat(a.value()).as(name).isEqualTo(b.value());
            assertThat(a.other()).as(name).isEqualTo(b.other());
            assertThat(a.status()).as(name).isEqualTo(b.status());
            assertThat(a.referenceRows()).as(name).isEqualTo(b.referenceRows());
            assertThat(a.currentRows()).as(name).isEqualTo(b.currentRows());
            assertThat(a.datasetDrift()).as(name).isEqualTo(b.datasetDrift());
            assertSameColumnVerdicts(a.columns(), b.columns(), name);
        }
    }

    private static void assertSameColumnVerdicts(final List<ColumnDrift> got, final List<ColumnDrift> want,
            final String where) {
        assertThat(got).as(where).hasSameSizeAs(want);
        for (ColumnDrift column : want) {
            ColumnDrift mine = got.stream().filter(c -> c.name().equals(column.name())).findFirst().orElseThrow();
            assertThat(mine.drift()).as("verdict on %s in %s", column.name(), where).isEqualTo(column.drift());
            assertThat(mine.method()).isEqualTo(column.method());
            assertThat(mine.score()).as("score of %s in %s", column.name(), where).isCloseTo(column.score(),
                    within(1e-9));
        }
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
