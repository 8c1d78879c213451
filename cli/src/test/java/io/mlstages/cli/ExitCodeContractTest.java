package io.mlstages.cli;

import io.mlstages.profile.ProfileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documented exit codes hold for the cases a hostile tester found broken: values too large for the engine
 * are usage errors (2, not 3), bad deployment targets and tokens are usage errors (2, not 1, which means "refused"),
 * and no {@link Error} ever leaves with 1 (which a pipeline reads as "drift found").
 */
class ExitCodeContractTest {
    @TempDir
    Path dir;

    private static void assertUsage(final CliRun run, final String... fragments) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("mlstages: ").doesNotContain("\n", "Exception", "\tat ");
        for (String fragment : fragments) {
            assertThat(run.err()).contains(fragment);
        }
    }

    @Test
    void shouldRefuseValuesTooLargeForTheEngineAsUsageErrors() throws Exception {
        String data = Path.of("../test-resources/datasets/chicago-2002.csv").toString();
        assertUsage(CliRun.of("profile", data, "-o", dir.resolve("p.json").toString(), "--bins", "2147483647"),
                "--bins", "1 to 10000");
        assertUsage(CliRun.of("serve", "--package", "x", "--max-body-kb", "3000000"), "--max-body-kb");
        assertUsage(CliRun.of("serve", "--package", "x", "--log-max-mb", "9223372036854775807"), "--log-max-mb");
        assertUsage(CliRun.of("serve", "--package", "x", "--poll", "9999999999999999d"), "--poll");
        assertUsage(CliRun.of("check", "--registry", "r", "--model", "m", "--current", "c", "--cool-down",
                "9999999999999999d"), "--cool-down", "out of range");
        assertUsage(CliRun.of("train", "--data", "d", "--target", "y", "-o", "o", "--command", "true", "--timeout",
                "999999999999999d"), "--timeout");
        for (String option : new String[] {"--backoff", "--connect-timeout", "--request-timeout", "--max-backoff",
            "--max-retry-after"}) {
            assertUsage(CliRun.of("deploy", "--registry", "r", "--model", "m", "--version", "1", option,
                    "9999999999999999d"), option);
        }
    }

    @Test
    void shouldRefuseNonAsciiDigits() {
        assertUsage(CliRun.of("deploy", "--registry", "r", "--model", "m", "--version=१"), "--version",
                "not a whole number");
        assertUsage(CliRun.of("profile", "x", "-o", "y", "--bins=٣"), "--bins");
    }

    private CliRun deploy(final String... extra) throws Exception {
        Path registry = Files.createDirectories(dir.resolve("registry"));
        String[] args = new String[6 + extra.length];
        System.arraycopy(new String[] {"deploy", "--registry", registry.toString(), "--model", "m", "--version=1"},
                0, args, 0, 6);
        System.arraycopy(extra, 0, args, 6, extra.length);
        return CliRun.of(args);
    }

    @Test
    void shouldRefuseBadTargetsAndTokensAsUsageErrorsNotAsRefusals() throws Exception {
        assertUsage(deploy("--target", "nope"), "nope");
        assertUsage(deploy("--target", "directory="), "directory=DIR");
        assertUsage(deploy("--target", "http=http://127.0.0.1:9/x"), "token");
        assertUsage(deploy("--target", "http=http://127.0.0.1:9/x", "--token-env", "MLSTAGES_SURELY_UNSET_VARIABLE"),
                "MLSTAGES_SURELY_UNSET_VARIABLE");
        assertUsage(deploy("--target", "http=http://127.0.0.1:9/x", "--token-file", dir.resolve("none").toString()),
                "token file");
        assertUsage(deploy("--target", "http=http://127.0.0.1:9/x", "--token-file", dir.toString()), "token file");
        assertUsage(deploy("--target", "registry", "--target", "registry"), "twice");
        assertUsage(CliRun.of("rollback", "--registry", dir.toString(), "--model", "m", "--alias", "../x"), "../x");
    }

    @Test
    void shouldReadAtMostAFewKilobytesOfATokenFile() throws Exception {
        Path huge = dir.resolve("huge-token");
        Files.write(huge, new byte[64 * 1024 * 1024]); // read whole, as before, this costs 64 MB and more

        long before = allocated();
        CliRun run = deploy("--target", "http=http://127.0.0.1:9/x", "--token-file", huge.toString());

        assertUsage(run, "larger than 8192 bytes");
        assertThat(allocated() - before).as("bytes allocated").isLessThan(32L * 1024 * 1024);
        if (Files.isReadable(Path.of("/dev/zero"))) {
            assertUsage(deploy("--target", "http=http://127.0.0.1:9/x", "--token-file", "/dev/zero"), "larger than");
        }
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }

    /** A command that fails as the test says. */
    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        private final Supplier<Throwable> failure;

        Boom(final Supplier<Throwable> failure) {
            this.failure = failure;
        }

        @Override
        public Integer call() throws Exception {
            Throwable thrown = failure.get();
            if (thrown instanceof Error error) {
                throw error;
            }
            throw (Exception) thrown;
        }
    }

    private static CliRun boom(final Supplier<Throwable> failure) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = MlStages.commandLine();
        line.addSubcommand("boom", new CommandLine(new Boom(failure)));
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return new CliRun(MlStages.execute(line, "boom"), out.toString(), err.toString());
    }

    private static void assertInternal(final CliRun run, final String name) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(run.err().strip()).startsWith("mlstages: internal error: " + name).doesNotContain("\n", "\tat ")
                .contains("MLSTAGES_DEBUG=1");
    }

    @Test
    void shouldMapEveryErrorToExitThreeWithOneLine() {
        assertInternal(boom(() -> new ExceptionInInitializerError(new IllegalArgumentException(
                "Unsupported JDK Major Version"))), "ExceptionInInitializerError");
        assertInternal(boom(() -> new OutOfMemoryError("Java heap space")), "OutOfMemoryError: Java heap space");
        assertInternal(boom(ExitCodeContractTest::overflow), "StackOverflowError");
        assertInternal(boom(() -> new NoClassDefFoundError("org/apache/datasketches/memory/WritableMemory")),
                "NoClassDefFoundError");
    }

    @Test
    void shouldMapAnErrorFromAnotherThreadOrWrappedByTheEngineToExitThree() {
        // a pool thread's OutOfMemoryError reaches the command wrapped, as in drift's parallel profiling
        assertInternal(boom(() -> {
            try {
                CompletableFuture.supplyAsync(() -> {
                    throw new OutOfMemoryError("Java heap space");
                }).join();
                return null;
            }
            catch (CompletionException e) {
                return e;
            }
        }), "OutOfMemoryError");
        // an engine exception is bad input (2) unless an Error is behind it
        assertInternal(boom(() -> new ProfileException("Profiling failed", new OutOfMemoryError("Java heap space"))),
                "OutOfMemoryError");
        CliRun plain = boom(() -> new ProfileException("Profiling failed: bad column"));
        assertThat(plain.exitCode()).isEqualTo(2);
    }

    private static Throwable overflow() {
        try {
            return overflow();
        }
        catch (StackOverflowError e) {
            return e;
        }
    }

    @Test
    void shouldPrintUsageErrorsOnOneEscapedBoundedLine() {
        CliRun run = CliRun.of("profile", "x", "-o", "y", "--bins=1\n2" + "9".repeat(100_000));

        assertUsage(run, "--bins", "\\n");
        assertThat(run.err().length()).isLessThan(2000);
    }
}
