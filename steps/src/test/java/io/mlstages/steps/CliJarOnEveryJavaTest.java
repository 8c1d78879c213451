package io.mlstages.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The command-line jar runs on every Java the engine supports (17, 21, 25; issue 10: on Java 25 it used to die
 * in DataSketches' memory library and exit 1, "drift found"). Each JDK found runs a drift check on real data
 * (exit 1 and dataset drift), a profile, a clean check against it (exit 0), and a check against a profile written
 * with the DataSketches sketch (test-resources/profiles/v1).
 *
 * <p>JDKs: the one running the tests, every JDK under /usr/lib/jvm, and those listed in MLSTAGES_TEST_JDKS
 * (homes separated by the path separator). Under CI=true a missing Java 17 or 25 fails the test; elsewhere it
 * is skipped with the reason.</p>
 */
class CliJarOnEveryJavaTest {
    private static final Path CLI_JAR = Path.of("../cli/target/mlstages-all.jar");
    private static final Path DATASETS = Path.of("../test-resources/datasets");
    private static final Path V1 = Path.of("../test-resources/profiles/v1");

    @TempDir
    Path dir;

    /** The JDK homes found, by feature version (the first found of each version). */
    static Map<Integer, Path> jdks() {
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of(System.getProperty("java.home")));
        String listed = System.getenv("MLSTAGES_TEST_JDKS");
        if (listed != null && !listed.isBlank()) {
            for (String home : listed.split(java.io.File.pathSeparator)) {
                candidates.add(Path.of(home.strip()));
            }
        }
        Path system = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(system)) {
            try (Stream<Path> homes = Files.list(system)) {
                homes.sorted().forEach(candidates::add);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot list " + system, e);
            }
        }
        Map<Integer, Path> byVersion = new TreeMap<>();
        for (Path home : candidates) {
            Integer version = featureVersion(home);
            if (version != null && Files.isExecutable(home.resolve("bin/java"))) {
                byVersion.putIfAbsent(version, home);
            }
        }
        return byVersion;
    }

    /** The feature version from the JDK's release file (JAVA_VERSION="25.0.3"), or null when there is none. */
    private static Integer featureVersion(final Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) {
            return null;
        }
        Properties properties = new Properties();
        try (var in = Files.newInputStream(release)) {
            properties.load(in);
        } catch (IOException e) {
            return null;
        }
        String version = properties.getProperty("JAVA_VERSION", "").replace("\"", "");
        String feature = version.startsWith("1.") ? version.substring(2) : version;
        int end = 0;
        while (end < feature.length() && Character.isDigit(feature.charAt(end))) {
            end++;
        }
        return end == 0 ? null : Integer.valueOf(feature.substring(0, end));
    }

    static Stream<Integer> supported() {
        return Stream.of(17, 21, 25);
    }

    @ParameterizedTest(name = "Java {0}")
    @MethodSource("supported")
    void shouldCheckDriftOnRealDataWithTheJar(final int version) throws Exception {
        Path home = jdks().get(version);
        if (home == null) {
            String why = "no Java " + version + " JDK under /usr/lib/jvm, in MLSTAGES_TEST_JDKS or running the tests; "
                    + "found " + jdks().keySet();
            // 21 is supported but not installed on our machines: it is checked where it is there
            boolean required = version != 21 && "true".equals(System.getenv("CI"));
            assertThat(required).as(why).isFalse();
            Assumptions.assumeTrue(false, why);
        }
        assertThat(CLI_JAR).as("the CLI's shaded jar, built by the cli module before this one").exists();
        String java = home.resolve("bin/java").toString();

        Path report = dir.resolve("drift.json");
        Run drift = run(java, "drift", "-q", "--reference", DATASETS.resolve("chicago-2002.csv").toString(),
                "--current", DATASETS.resolve("chicago-2008.csv").toString(), "--json", report.toString());
        assertThat(drift.exit).as("Java " + version + ": " + drift.err).isEqualTo(1);
        assertThat(drift.err).as("no stack trace").doesNotContain("Exception", "\tat ");
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.path("datasetDrift").asBoolean()).isTrue();
        assertThat(json.path("driftedColumns").asInt()).isGreaterThan(5);

        Path profile = dir.resolve("profile.json");
        Run profiled = run(java, "profile", "-q", DATASETS.resolve("chicago-2002.csv").toString(), "-o",
                profile.toString(), "--exact-limit", "0");
        assertThat(profiled.exit).as(profiled.err).isZero();
        Run clean = run(java, "drift", "-q", "--reference", profile.toString(), "--current",
                DATASETS.resolve("chicago-2002.csv").toString());
        assertThat(clean.exit).as(clean.err).isZero();

        Run old = run(java, "drift", "-q", "--reference", V1.resolve("synthetic-a.json").toString(), "--current",
                V1.resolve("synthetic-b.json").toString());
        assertThat(old.exit).as(old.err).isEqualTo(1);
    }

    @Test
    void shouldFindTheJavaThatRunsTheTests() {
        assertThat(jdks()).containsValue(Path.of(System.getProperty("java.home")));
    }

    private record Run(int exit, String err) {
    }

    private Run run(final String java, final String... args) throws IOException, InterruptedException {
        List<String> command = ChildJvm.command(java, ChildJvm.DEFAULT_OPTIONS, CLI_JAR.toString(), List.of(args));
        Path err = dir.resolve("stderr.txt");
        Process process = new ProcessBuilder(command).redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(err.toFile()).start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("finished in time").isTrue();
        return new Run(process.exitValue(), Files.readString(err));
    }
}
