package io.mlstages.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mlstages.TestData;
import io.mlstages.data.ReadOptions;
import io.mlstages.drift.DriftReport;
import io.mlstages.profile.ColumnProfile;
import io.mlstages.profile.Profile;
import io.mlstages.profile.ProfileJson;
import io.mlstages.profile.ProfileSettings;
import io.mlstages.profile.Profiles;
import io.mlstages.profile.SegmentProfiles;
import io.mlstages.report.DriftReportJson;

/**
 * The packaged job jar run as {@code spark-submit} runs it, in a JVM of its own: a Spark home is laid out with the
 * Spark jars of the build (its {@code jars/} folder, as in a Spark distribution), Spark's own launcher
 * ({@code org.apache.spark.launcher.Main}, which {@code bin/spark-class} runs) builds the command, and the command
 * runs {@code org.apache.spark.deploy.SparkSubmit --master local[2] --class io.mlstages.spark.ProfileJob
 * mlstages-spark-job.jar ...}. Neither the engine nor picocli is in that Spark home: they come from the job jar.
 *
 * <p>Runs after {@code package} (surefire's {@code spark-submit} execution in spark/pom.xml), where the jar
 * exists.</p>
 */
class SparkSubmitIT {
    /** The longest a run may take: under a heavy load on two cores Spark's start-up alone took a minute. */
    private static final long TIMEOUT_MINUTES = 8;

    /**
     * Jars of the test classpath that are not Spark's: the test tools, and the engine and what only it needs
     * (the job jar carries these, or leaves them out as unused; see the shade configuration). XGBoost's Kryo 5 and
     * ReflectASM go, not Spark's kryo-shaded 4 with the MinLog and Objenesis it needs too.
     */
    private static final List<String> NOT_SPARK = List.of("/org/junit/", "/org/opentest4j/", "/org/apiguardian/",
            "/org/assertj/", "/net/bytebuddy/", "/io/jenkins/plugins/mlstages/", "/info/picocli/", "/ml/dmlc/",
            "/com/esotericsoftware/kryo/", "/com/esotericsoftware/reflectasm/", "/de/siegmar/",
            "/software/amazon/awssdk/", "/com/github/spotbugs/", "/org/slf4j/slf4j-nop/");

    @TempDir
    Path folder;

    @Test
    void shouldWriteTheProfileAndExitOneOnDriftWhenRunBySparkSubmit() throws IOException, InterruptedException {
        Path job = Path.of(System.getProperty("mlstages.spark.job", "target/mlstages-spark-job.jar"));
        assertThat(job).as("the job jar, made by the package phase (./mvnw -pl spark -am verify)").isRegularFile();
        Path sparkHome = sparkHome();
        Path reference = folder.resolve("chicago-2002.json");
        List<String> segment = List.of("day_of_week");
        ProfileJson.write(Profiles.of(TestData.dataset("chicago-2002.csv"), ReadOptions.defaults(),
                ProfileSettings.defaults(), UnaryOperator.identity(), segment, 40), reference);
        Path data = TestData.dataset("chicago-2008.csv").toAbsolutePath();
        Path output = folder.resolve("chicago-2008.json");
        Path report = folder.resolve("drift.json");

        List<String> command = launcherCommand(sparkHome, List.of("--master", "local[2]",
                "--conf", "spark.ui.enabled=false",
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                // small splits, so that the 25 KB file is profiled in several partitions and merged
                "--conf", "spark.sql.files.maxPartitionBytes=8k", "--conf", "spark.sql.files.openCostInBytes=8k",
                "--class", ProfileJob.class.getName(), job.toAbsolutePath().toString(),
                data.toString(), "-o", output.toString(), "--segment", "day_of_week",
                "--reference", reference.toString(), "--report", report.toString()));
        Run run = run(command, sparkHome, "spark-submit");

        assertThat(command).contains("org.apache.spark.deploy.SparkSubmit")
                .anySatisfy(option -> assertThat(option).startsWith("--add-opens="));
        assertThat(run.code()).as("exit code of spark-submit; stdout:%n%s%nstderr ends:%n%s", run.out(), run.errTail())
                .isEqualTo(ProfileJob.FINDING);
        assertThat(run.out()).contains("Profiled " + data + " on Spark: 366 rows, 21 columns, segments: day_of_week "
                + "(7 values)").contains("Drift against " + reference + ": DRIFT");
        Profile written = ProfileJson.read(output);
        Profile cli = Profiles.of(data, ReadOptions.defaults(), ProfileSettings.defaults(), UnaryOperator.identity(),
                segment, 40);
        assertSameCounts(written, cli);
        SegmentProfiles days = written.segments("day_of_week").orElseThrow();
        SegmentProfiles cliDays = cli.segments("day_of_week").orElseThrow();
        assertThat(days.segments()).extracting(SegmentProfiles.Segment::value)
                .isEqualTo(cliDays.segments().stream().map(SegmentProfiles.Segment::value).toList());
        for (SegmentProfiles.Segment day : cliDays.segments()) {
            assertSameCounts(days.segment(day.value()).orElseThrow(), day.profile());
        }
        DriftReport drift = DriftReportJson.read(report);
        assertThat(drift.datasetDrift()).isTrue();
        assertThat(drift.segments()).hasSize(7);
    }

    /** Rows, and per column the count, missing cells, extremes and categories: what must be equal exactly. */
    private static void assertSameCounts(final Profile got, final Profile want) {
        assertThat(got.rows()).isEqualTo(want.rows());
        assertThat(got.columns()).hasSameSizeAs(want.columns());
        for (ColumnProfile column : want.columns()) {
            ColumnProfile mine = got.column(column.name()).orElseThrow();
            assertThat(mine.count()).as(column.name()).isEqualTo(column.count());
            assertThat(mine.missing()).as(column.name()).isEqualTo(column.missing());
            assertThat(mine.categories()).as(column.name()).isEqualTo(column.categories());
            if (column.numeric() != null) {
                assertThat(mine.numeric().min()).as(column.name()).isEqualTo(column.numeric().min());
                assertThat(mine.numeric().max()).as(column.name()).isEqualTo(column.numeric().max());
                assertThat(mine.numeric().values()).as(column.name()).isEqualTo(column.numeric().values());
            }
        }
    }

    /**
     * A Spark home as a distribution lays it out: {@code jars/} with the Spark jars (links to those of the test
     * classpath, which the build resolved from spark-sql), an empty {@code conf/}.
     */
    private Path sparkHome() throws IOException {
        Path home = folder.resolve("spark-home");
        Path jars = Files.createDirectories(home.resolve("jars"));
        Files.createDirectories(home.resolve("conf"));
        int linked = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path jar = Path.of(entry).toAbsolutePath();
            String name = jar.getFileName().toString();
            String slashed = jar.toString().replace(File.separatorChar, '/');
            if (!name.endsWith(".jar") || !Files.isRegularFile(jar) || name.startsWith("mlstages-")
                    || NOT_SPARK.stream().anyMatch(slashed::contains) || Files.exists(jars.resolve(name))) {
                continue;
            }
            Files.createSymbolicLink(jars.resolve(name), jar);
            linked++;
        }
        assertThat(linked).as("Spark jars on the test classpath").isGreaterThan(50);
        try (var listed = Files.list(jars)) {
            assertThat(listed.map(p -> p.getFileName().toString()).toList())
                    .anyMatch(n -> n.startsWith("spark-core_2.13-")).anyMatch(n -> n.startsWith("spark-launcher_2.13-"))
                    .noneMatch(n -> n.startsWith("picocli") || n.startsWith("mlstages"));
        }
        return home;
    }

    /**
     * The command {@code bin/spark-submit ARGS} runs: what Spark's launcher prints for {@code SparkSubmit ARGS},
     * its arguments separated by NUL characters (the launcher's output for a shell).
     */
    private List<String> launcherCommand(final Path sparkHome, final List<String> args)
            throws IOException, InterruptedException {
        List<String> launcher = new ArrayList<>(List.of(java(), "-Xmx128m", "-cp",
                sparkHome.resolve("jars") + File.separator + "*", "org.apache.spark.launcher.Main",
                "org.apache.spark.deploy.SparkSubmit"));
        launcher.addAll(args);
        Run printed = run(launcher, sparkHome, "launcher");
        assertThat(printed.code()).as("the launcher's exit code; stderr:%n%s", printed.err()).isZero();
        List<String> command = new ArrayList<>();
        for (String part : printed.out().split("\0")) {
            if (!part.isBlank()) {
                command.add(part.strip());
            }
        }
        assertThat(command).as("the launcher's command").isNotEmpty();
        return command;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Runs a command with the Spark home's environment, its output in files, within the time limit. */
    private Run run(final List<String> command, final Path sparkHome, final String name)
            throws IOException, InterruptedException {
        Path out = folder.resolve(name + ".out");
        Path err = folder.resolve(name + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("SPARK_") || key.startsWith("PYSPARK_")
                || key.equals("HADOOP_CONF_DIR") || key.equals("YARN_CONF_DIR"));
        Map<String, String> spark = new LinkedHashMap<>();
        spark.put("SPARK_HOME", sparkHome.toString());
        spark.put("SPARK_CONF_DIR", sparkHome.resolve("conf").toString());
        spark.put("SPARK_SCALA_VERSION", "2.13");
        spark.put("SPARK_LOCAL_IP", "127.0.0.1");
        spark.put("JAVA_HOME", System.getProperty("java.home"));
        env.putAll(spark);
        Process process = builder.start();
        try (InputStream ignored = process.getInputStream()) {
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                throw new AssertionError(name + " did not finish within " + TIMEOUT_MINUTES + " minutes; stderr "
                        + "ends:\n" + tail(Files.readString(err, StandardCharsets.UTF_8)));
            }
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static String tail(final String text) {
        return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
    }

    private record Run(int code, String out, String err) {
        String errTail() {
            return tail(err);
        }
    }
}
