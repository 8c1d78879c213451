package io.mlstages.registry;

import io.mlstages.train.ModelPackage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Many threads and many processes writing to one model at once never lose or corrupt a version or a move. */
class RegistryConcurrencyTest {
    @TempDir
    static Path trained;
    private static Path blessed;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainOnce() throws IOException {
        ModelPackage model = Packages.train(trained.resolve("blessed"));
        Packages.bless(model, trained.resolve("report"));
        blessed = model.location();
    }

    @Test
    void shouldKeepVersionsDenseAndEveryMoveWhenEightThreadsRegisterAndPromoteAtOnce() throws Exception {
        Registry registry = Registry.open(dir.resolve("registry"));
        int threads = 8;
        int each = 6;
        CountDownLatch start = new CountDownLatch(1);
        Set<Integer> returned = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    // each thread opens its own instance, as separate builds would
                    Registry own = Registry.open(dir.resolve("registry"));
                    start.await();
                    for (int i = 0; i < each; i++) {
                        ModelVersion version = own.register("churn", blessed, new Actor("t" + thread, null), null);
                        assertThat(returned.add(version.version())).as("version %d handed out twice",
                                version.version()).isTrue();
                        own.promote("churn", thread % 2 == 0 ? "production" : "staging", version.version(),
                                new Actor("t" + thread, null), null, false);
                        if (i % 2 == 1) {
                            own.promote("churn", "canary", version.version(), new Actor("t" + thread, null), null,
                                    false);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        int total = threads * each;
        assertThat(returned).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, total).boxed().toList());
        assertConsistent(Registry.open(dir.resolve("registry")), "churn", total, total + threads * each / 2);
    }

    @Test
    void shouldKeepVersionsDenseAndEveryMoveWhenFourProcessesRegisterAtOnce() throws Exception {
        Path root = dir.resolve("registry");
        Registry.open(root);
        int processes = 4;
        int each = 5;
        List<Process> started = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            started.add(new ProcessBuilder(java(), "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), RegistryWorker.class.getName(), "register",
                    root.toString(), "churn", blessed.toString(), Integer.toString(each))
                    .redirectError(dir.resolve("worker-" + p + ".err").toFile()).start());
        }
        List<Integer> reported = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            Process process = started.get(p);
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(Files.readString(dir.resolve("worker-" + p + ".err"))).isZero();
            out.lines().map(line -> Integer.parseInt(line.substring("registered ".length()))).forEach(reported::add);
        }

        int total = processes * each;
        assertThat(reported).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, total).boxed().toList());
        assertConsistent(Registry.open(root), "churn", total, total);
        Set<String> users = new java.util.HashSet<>();
        Registry.open(root).history("churn").forEach(m -> users.add(m.actor().user()));
        assertThat(users).hasSize(processes);
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Versions 1..versions exist and verify; the history holds the given number of moves, and each alias's moves
     * form a chain (every move starts where the previous one of that alias ended), which a lost or interleaved
     * update would break.
     */
    static void assertConsistent(final Registry registry, final String model, final int versions, final int moves) {
        assertThat(registry.versions(model)).extracting(ModelVersion::version)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, versions).boxed().toList());
        for (int v = 1; v <= versions; v++) {
            registry.packagePath(model, v);
        }
        List<AliasMove> history = registry.history(model);
        assertThat(history).hasSize(moves);
        Map<String, Integer> holders = new HashMap<>();
        for (AliasMove move : history) {
            assertThat(move.from()).as("move %s", move).isEqualTo(holders.get(move.alias()));
            holders.put(move.alias(), move.to());
        }
        assertThat(registry.aliases(model)).isEqualTo(holders);
    }
}
