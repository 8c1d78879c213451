package io.mlstages.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mlstages.TestData;
import io.mlstages.data.ReadOptions;
import io.mlstages.drift.DriftCheck;
import io.mlstages.drift.DriftOptions;
import io.mlstages.drift.DriftReport;
import io.mlstages.drift.SegmentDrift;
import io.mlstages.drift.SegmentOptions;
import io.mlstages.profile.Profile;
import io.mlstages.profile.ProfileJson;
import io.mlstages.profile.ProfileSettings;
import io.mlstages.profile.Profiles;
import io.mlstages.profile.SegmentProfiles;
import io.mlstages.report.DriftReportJson;

/** The spark-submit entry point: its options, outputs and exit codes, run in the test's Spark session. */
class ProfileJobTest {
    private static SparkSession spark;

    @TempDir
    Path folder;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void start() {
        spark = LocalSpark.session();
    }

    private int run(final String... args) {
        return ProfileJob.run(args, spark, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static String data(final String name) {
        return TestData.dataset(name).toString();
    }

    @Test
    void shouldWriteTheProfileThatTheCommandLineWrites() {
        Path output = folder.resolve("chicago-2002.json");

        assertThat(run(data("chicago-2002.csv"), "-o", output.toString())).as(err.toString()).isZero();

        Profile written = ProfileJson.read(output);
        Profile cli = Profiles.of(TestData.dataset("chicago-2002.csv"), ReadOptions.defaults(),
                ProfileSettings.defaults());
        assertThat(written.columns()).hasSameSizeAs(cli.columns());
        for (int i = 0; i < cli.columns().size(); i++) {
            assertThat(written.columns().get(i).categories()).isEqualTo(cli.columns().get(i).categories());
            assertThat(written.columns().get(i).missing()).isEqualTo(cli.columns().get(i).missing());
        }
        assertThat(out.toString()).contains("365 rows, 21 columns").contains(output.toString());
    }

    @Test
    void shouldExitOneOnDriftAgainstAStoredReferenceAndWriteTheReport() {
        Path reference = folder.resolve("reference.json");
        ProfileJson.write(Profiles.of(TestData.dataset("chicago-2002.csv"), ReadOptions.defaults(),
                ProfileSettings.defaults()), reference);
        Path report = folder.resolve("drift.json");

        int drifted = run(data("chicago-2008.csv"), "-o", folder.resolve("2008.json").toString(),
                "--reference", reference.toString(), "--report", report.toString());
        int same = run(data("chicago-2002.csv"), "-o", folder.resolve("2002.json").toString(),
                "--reference", reference.toString());

        assertThat(drifted).as(err.toString()).isEqualTo(ProfileJob.FINDING);
        DriftReport written = DriftReportJson.read(report);
        assertThat(written.datasetDrift()).isTrue();
        assertThat(out.toString()).contains("DRIFT");
        assertThat(same).as(err.toString()).isEqualTo(ProfileJob.OK);
    }

    @Test
    void shouldStoreSegmentsAndCheckThemPerSegmentAgainstTheReference() {
        Path reference = folder.resolve("train.json");
        ProfileJson.write(Profiles.of(TestData.dataset("german-credit-train.csv"), ReadOptions.defaults(),
                ProfileSettings.defaults(), UnaryOperator.identity(), List.of("housing"), 8), reference);
        Path current = RentDrift.write(folder);
        Path output = folder.resolve("current.json");
        Path report = folder.resolve("drift.json");

        int code = run(current.toString(), "-o", output.toString(), "--segment", "housing", "--max-segments", "2",
                "--reference", reference.toString(), "--report", report.toString());

        Profile written = ProfileJson.read(output);
        assertThat(written.segments("housing").orElseThrow().segments()).extracting(SegmentProfiles.Segment::value)
                .containsExactly("own", "rent", "for free");
        assertThat(out.toString()).contains("segments: housing (3 values)");
        // the verdicts of `mlstages drift --segment housing --max-segments 2` on the file itself
        DriftReport cli = DriftCheck.run(new DriftCheck.Request(reference, List.of(current), DriftOptions.defaults()
                .withSegments(new SegmentOptions(List.of("housing"), 2, SegmentOptions.DEFAULT_MIN_ROWS)), null, null,
                null)).report();
        DriftReport spark = DriftReportJson.read(report);
        assertThat(code).as(err.toString()).isEqualTo(cli.finding() ? ProfileJob.FINDING : ProfileJob.OK);
        assertThat(spark.datasetDrift()).isEqualTo(cli.datasetDrift());
        assertThat(spark.segments()).extracting(SegmentDrift::label)
                .isEqualTo(cli.segments().stream().map(SegmentDrift::label).toList()).contains("(other)");
        assertThat(spark.segments()).extracting(SegmentDrift::datasetDrift)
                .isEqualTo(cli.segments().stream().map(SegmentDrift::datasetDrift).toList());
        assertThat(out.toString()).contains("of " + cli.segments().size() + " segments");
    }

    @Test
    void shouldProfileATableOfTheCatalogByItsSparkTypes() {
        spark.read().option("header", "true").option("inferSchema", "true").csv(data("german-credit.csv"))
                .createOrReplaceTempView("german_credit");
        Path output = folder.resolve("table.json");

        assertThat(run("--table", "german_credit", "-o", output.toString(), "--top-k", "5"))
                .as(err.toString()).isZero();

        Profile profile = ProfileJson.read(output);
        assertThat(profile.rows()).isEqualTo(1000);
        assertThat(profile.settings().topK()).isEqualTo(5);
        assertThat(profile.column("purpose").orElseThrow().categories().top()).hasSize(5);
        assertThat(profile.column("age").orElseThrow().numeric().min()).isEqualTo(19);
    }

    @Test
    void shouldExitTwoOnAMalformedCsvLine() throws java.io.IOException {
        // a quoted field left open at the end of the file: the command line stops at it too
        java.util.List<String> lines = new java.util.ArrayList<>(java.nio.file.Files.readAllLines(
                TestData.dataset("chicago-2002.csv")));
        lines.add("2002-12-31,\"1.5,2");
        Path broken = folder.resolve("broken.csv");
        java.nio.file.Files.write(broken, lines);

        assertThat(run(broken.toString(), "-o", folder.resolve("p.json").toString()))
                .as(err.toString()).isEqualTo(ProfileJob.BAD_INPUT);
        assertThat(err.toString()).contains("MALFORMED_RECORD_IN_PARSING");
    }

    @Test
    void shouldExitTwoNamingTheProblem() {
        String output = folder.resolve("p.json").toString();

        assertThat(run(data("german-credit.csv").replace("german", "germane"), "-o", output))
                .isEqualTo(ProfileJob.BAD_INPUT);
        assertThat(err.toString()).contains("germane-credit.csv");

        assertThat(run(data("german-credit.csv"), "-o", output, "--type", "purpose=numeric"))
                .isEqualTo(ProfileJob.BAD_INPUT);
        assertThat(err.toString()).contains("column 'purpose'").contains("is not a number");

        assertThat(run(data("german-credit.csv"), "--table", "t", "-o", output)).isEqualTo(ProfileJob.BAD_INPUT);
        assertThat(err.toString()).contains("Give DATA or --table NAME, not both");

        assertThat(run(data("german-credit.csv"), "-o", output, "--sketch-k", "3")).isEqualTo(ProfileJob.BAD_INPUT);
        assertThat(err.toString()).contains("sketchK must be between 8 and 65535, not 3");

        assertThat(run(data("german-credit.csv"), "-o", output, "--infer-rows", "0")).isEqualTo(ProfileJob.BAD_INPUT);
        assertThat(err.toString()).contains("--infer-rows 0 is not for Spark");

        assertThat(run(data("german-credit.csv"), "-o", output, "--segment", "housin")).isEqualTo(ProfileJob.BAD_INPUT);
        assertThat(err.toString()).contains("german-credit.csv").contains("'housin'");

        assertThat(run(data("german-credit.csv"), "-o", output, "--segment", "housing", "--max-segments", "0"))
                .isEqualTo(ProfileJob.BAD_INPUT);
        assertThat(err.toString()).contains("maxSegments must be between 1 and 1000, not 0");

        assertThat(run(data("german-credit.csv"))).isEqualTo(ProfileJob.BAD_INPUT);
        assertThat(err.toString()).contains("--output");
    }
}
