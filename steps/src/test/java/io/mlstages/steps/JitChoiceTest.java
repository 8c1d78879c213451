package io.mlstages.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JIT choice of ./mlstages and the benchmarks (cli/jit.sh): C1 alone when the local files and folders a
 * command names total under the limit (64 MiB by default), both compilers otherwise, when anything names a remote
 * location whose size is unknown, and for the long-running {@code serve}.
 */
class JitChoiceTest {
    private static final Path SCRIPT = Path.of("../cli/jit.sh");
    private static final Path LAUNCHER = Path.of("../mlstages");
    private static final Path CLI_JAR = Path.of("../cli/target/mlstages-all.jar");
    private static final String C1 = "-XX:TieredStopAtLevel=1";

    @TempDir
    Path dir;

    @Test
    void shouldCompileWithC1AloneForSmallFilesAndCommandsWithoutData() throws Exception {
        Path reference = Files.writeString(dir.resolve("reference.csv"), "x,colour\n1.5,red\n2.5,blue\n");
        Path current = Files.writeString(dir.resolve("current file.csv"), "x,colour\n1.5,red\n");

        assertThat(choice(Map.of(), "drift", "--reference", reference.toString(), "--current", current.toString()))
                .isEqualTo(C1);
        assertThat(choice(Map.of(), "drift", "--reference=" + reference, "--current=" + current)).isEqualTo(C1);
        assertThat(choice(Map.of(), "--version")).isEqualTo(C1);
        assertThat(choice(Map.of(), "profile", dir.resolve("missing.csv").toString())).isEqualTo(C1);
    }

    @Test
    void shouldKeepBothCompilersWhenTheFilesTotalTheLimitOrMore() throws Exception {
        // sparse: 40 MB each in size, none on disk; together over the 64 MiB default
        Path reference = sparse("reference.csv", 40_000_000L);
        Path current = sparse("current.csv", 40_000_000L);
        assertThat(choice(Map.of(), "drift", "--reference", reference.toString())).isEqualTo(C1);
        assertThat(choice(Map.of(), "drift", "--reference", reference.toString(), "--current", current.toString()))
                .isEmpty();
        assertThat(choice(Map.of(), "drift", "--reference=" + reference, "--current=" + current)).isEmpty();

        Path small = Files.writeString(dir.resolve("small.csv"), "x\n" + "1.5\n".repeat(100));
        assertThat(choice(Map.of("MLSTAGES_JIT_LIMIT", "1000"), "profile", small.toString())).isEqualTo(C1);
        assertThat(choice(Map.of("MLSTAGES_JIT_LIMIT", "100"), "profile", small.toString())).isEmpty();
    }

    @Test
    void shouldHaveOneLimitInTheLauncherAndThePlugin() throws Exception {
        sparse("under.csv", ChildJvm.JIT_LIMIT - 1);
        sparse("at.csv", ChildJvm.JIT_LIMIT);
        // relative to the working directory (the workspace, for the plugin)
        assertThat(choice(Map.of(), "profile", "under.csv")).isEqualTo(C1);
        assertThat(choice(Map.of(), "profile", "--data=at.csv")).isEmpty();
        assertThat(choice(Map.of(), "profile", "-")).isEqualTo(C1);
        // a name no path can hold (a process argument cannot carry it either): counts for nothing
        assertThat(ChildJvm.jitOptions(List.of("--data=bad\u0000name"), dir, 10)).containsExactly(C1);
    }

    @Test
    void shouldCountWhatAFolderHolds() throws Exception {
        Path parts = Files.createDirectories(dir.resolve("dataset.parquet"));
        // random bytes: du counts blocks on disk, which a compressing file system would shrink for zeros
        byte[] bytes = new byte[64 * 1024];
        new Random(7).nextBytes(bytes);
        Files.write(parts.resolve("part-0.parquet"), bytes);
        assertThat(choice(Map.of("MLSTAGES_JIT_LIMIT", "1000000"), "profile", parts.toString())).isEqualTo(C1);
        assertThat(choice(Map.of("MLSTAGES_JIT_LIMIT", "10000"), "profile", parts.toString())).isEmpty();
    }

    @Test
    void shouldKeepBothCompilersForRemoteDataAndForServing() throws Exception {
        Path model = Files.createDirectories(dir.resolve("model"));
        assertThat(choice(Map.of(), "drift", "--reference", "s3://bucket/reference.csv", "--current", "x.csv"))
                .isEmpty();
        assertThat(choice(Map.of(), "drift", "--current=https://example.invalid/c.csv")).isEmpty();
        assertThat(choice(Map.of(), "serve", "--model", model.toString())).isEmpty();
    }

    @Test
    void shouldFollowTheOverridesAndIgnoreABadLimit() throws Exception {
        Path big = sparse("big.csv", 100_000_000L);
        assertThat(choice(Map.of("MLSTAGES_JIT", "c1"), "profile", big.toString())).isEqualTo(C1);
        assertThat(choice(Map.of("MLSTAGES_JIT", "tiered"), "--version")).isEmpty();
        assertThat(choice(Map.of("MLSTAGES_JIT_LIMIT", "lots"), "--version")).isEmpty();
        assertThat(choice(Map.of("MLSTAGES_JIT_LIMIT", "99999999999999999999"), "--version")).isEmpty();
    }

    @Test
    void shouldStartTheLauncherJvmWithTheChoice() throws Exception {
        assertThat(CLI_JAR).as("run with -pl steps -am so that the CLI jar is built").exists();
        // the launcher's own JVM, asked to print its flags: C1 alone for a run without files
        String flags = run(Map.of("MLSTAGES_CDS", "off", "MLSTAGES_JAVA_OPTS", "-XX:+PrintFlagsFinal"),
                LAUNCHER.toAbsolutePath().toString(), "--version");
        assertThat(flags).containsPattern("TieredStopAtLevel\\s+= 1 ");
        String tiered = run(Map.of("MLSTAGES_CDS", "off", "MLSTAGES_JIT", "tiered", "MLSTAGES_JAVA_OPTS",
                "-XX:+PrintFlagsFinal"), LAUNCHER.toAbsolutePath().toString(), "--version");
        assertThat(tiered).containsPattern("TieredStopAtLevel\\s+= 4 ");
    }

    private Path sparse(final String name, final long size) throws IOException {
        Path file = dir.resolve(name);
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.setLength(size);
        }
        return file;
    }

    /**
     * What mlstages_jit_options prints for these arguments (in {@link #dir}), one line; the plugin's
     * {@link ChildJvm#jitOptions} must choose the same.
     */
    private String choice(final Map<String, String> environment, final String... arguments)
            throws IOException, InterruptedException {
        List<String> words = new ArrayList<>(List.of("bash", "-c", ". \"$0\"; mlstages_jit_options \"$@\"",
                SCRIPT.toAbsolutePath().toString()));
        words.addAll(List.of(arguments));
        String shell = run(environment, words.toArray(String[]::new)).strip();
        if (!environment.containsKey("MLSTAGES_JIT")) {
            String limitText = environment.getOrDefault("MLSTAGES_JIT_LIMIT", Long.toString(ChildJvm.JIT_LIMIT));
            long limit = limitText.matches("[0-9]{1,18}") ? Long.parseLong(limitText) : -1;
            if (limit >= 0) {
                assertThat(String.join(" ", ChildJvm.jitOptions(List.of(arguments), dir, limit)))
                        .as("the plugin's choice for %s", List.of(arguments)).isEqualTo(shell);
            }
        }
        return shell;
    }

    private String run(final Map<String, String> environment, final String... words)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(words).directory(dir.toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        builder.environment().remove("MLSTAGES_JIT");
        builder.environment().remove("MLSTAGES_JIT_LIMIT");
        builder.environment().remove("MLSTAGES_JAVA_OPTS");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s: %s", List.of(words), Files.readString(dir.resolve("err.txt")))
                .isZero();
        return out;
    }
}
