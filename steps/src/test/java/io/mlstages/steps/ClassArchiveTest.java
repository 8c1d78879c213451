package io.mlstages.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data archive that ./mlstages and the benchmarks use (cli/class-archive.sh): on every JDK found, the
 * script makes an archive of the jar's classes that a JVM insisting on it starts with (Java 17-24: a static AppCDS
 * archive and {@code -Xshare:on}; Java 25 and later: an ahead-of-time cache and {@code -XX:AOTMode=on}), and the
 * engine's classes, lambdas included, then come from it, not from the jar. OpenJDK 17.0.15 crashed writing the
 * archives the script made before (on a lambda proxy the class list names twice), and the script then went on
 * silently without one, or without the lambdas.
 */
class ClassArchiveTest {
    private static final Path CLI_JAR = Path.of("../cli/target/mlstages-all.jar");
    private static final Path SCRIPT = Path.of("../cli/class-archive.sh");

    @TempDir
    Path dir;

    @Test
    void shouldMakeAnArchiveThatEveryJdkStartsTheEngineFrom() throws Exception {
        assertThat(CLI_JAR).as("run with -pl steps -am so that the CLI jar is built").exists();
        for (Map.Entry<Integer, Path> jdk : CliJarOnEveryJavaTest.jdks().entrySet()) {
            Path java = jdk.getValue().resolve("bin/java");
            Path home = Files.createDirectories(dir.resolve("java-" + jdk.getKey()));
            Path jar = Files.copy(CLI_JAR, home.resolve("mlstages-all.jar")).toAbsolutePath();

            boolean aot = jdk.getKey() >= 25;
            String archive = bash(". \"$1\"; a=\"$(mlstages_cds_archive \"$2\" \"$3\")\"; "
                    + "mlstages_cds_create \"$2\" \"$3\" \"$a\" -XX:+UseParallelGC >&2 && echo \"$a\"",
                    SCRIPT.toAbsolutePath().toString(), java.toString(), jar.toString()).strip();
            assertThat(archive).as("Java %d: the archive's path", jdk.getKey()).endsWith(aot ? ".aot" : ".jsa");
            assertThat(Path.of(archive)).as("Java %d", jdk.getKey()).isNotEmptyFile();
            String use = aot ? "-XX:AOTCache=" + archive : "-XX:SharedArchiveFile=" + archive;
            assertThat(bash(". \"$1\"; mlstages_cds_options \"$2\" \"$3\"", SCRIPT.toAbsolutePath().toString(),
                    java.toString(), jar.toString())).contains(use);

            Path reference = Files.writeString(home.resolve("reference.csv"), "x,colour\n1.5,red\n2.5,blue\n3.5,red\n");
            List<String> command = new ArrayList<>(List.of(java.toString(), "-XX:+UseParallelGC", use,
                    aot ? "-XX:AOTMode=on" : "-Xshare:on", "-Xlog:class+load=info", "-jar", jar.toString(), "drift",
                    "--reference", reference.toString(), "--current", reference.toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("Java %d: %s", jdk.getKey(), out).isZero();
            assertThat(out).as("Java %d", jdk.getKey())
                    .containsPattern("io\\.mlstages\\.cli\\.Main source: shared objects file")
                    .doesNotContainPattern("io\\.mlstages\\.cli\\.Main source: (file|jar)")
                    .as("Java %d: the engine's lambdas are archived too", jdk.getKey())
                    .containsPattern("io\\.mlstages\\.[a-z]+\\.[A-Za-z]+\\$\\$Lambda.* source: shared objects file");
        }
    }

    private String bash(final String script, final String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "-c", script, "bash"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(dir.resolve("bash.err").toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("bash %s: %s", script, Files.readString(dir.resolve("bash.err")))
                .isZero();
        return out;
    }
}
