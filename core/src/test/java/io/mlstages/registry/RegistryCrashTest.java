package io.mlstages.registry;

import io.mlstages.train.ModelPackage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writers killed with SIGKILL at random moments, {@value #KILLS} times in all, never leave the registry unreadable
 * or inconsistent. Two lanes run side by side on the same model, each starting a child process that registers,
 * promotes and rolls back in a loop, killing it 0 to 300 ms after it is ready, and checking the registry after
 * each kill (while the other lane's child keeps writing: what a reader sees at any moment must be consistent):
 * every version verifies, the numbers are dense, the history parses and every alias points at an existing
 * version. At the end, a writer cleans up what the killed ones left half-done and carries on numbering.
 */
class RegistryCrashTest {
    static final int KILLS = 201;
    private static final int LANES = 3;
    private static final long SEED = 20261127L;
    private static final String MODEL = "churn";

    @TempDir
    static Path trained;
    private static Path tiny;

    @TempDir
    Path dir;

    private final AtomicInteger halfRegistered = new AtomicInteger();
    private final AtomicInteger published = new AtomicInteger();
    private final AtomicLong startupNanos = new AtomicLong();
    private final AtomicLong checkNanos = new AtomicLong();

    @BeforeAll
    static void trainOnce() throws IOException {
        ModelPackage model = Packages.trainTiny(trained.resolve("tiny"));
        Packages.bless(model, trained.resolve("report"), 0.8);
        tiny = model.location();
    }

    @Test
    void shouldStayConsistentWhenWritersAreKilledAtRandomMoments() throws Exception {
        Path root = dir.resolve("registry");
        Registry.open(root);
        long begin = System.nanoTime();
        ExecutorService lanes = Executors.newFixedThreadPool(LANES);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int lane = 0; lane < LANES; lane++) {
                int id = lane;
                futures.add(lanes.submit(() -> {
                    runLane(root, id, KILLS / LANES);
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(10, TimeUnit.MINUTES);
            }
        } finally {
            lanes.shutdownNow();
        }
        Registry registry = Registry.open(root);
        int versions = registry.versions(MODEL).size();
        int moves = registry.history(MODEL).size();
        int leftBehind = hiddenEntries(root);

        ModelVersion next = registry.register(MODEL, tiny, new Actor("test", null), "after the kills");
        registry.promote(MODEL, "production", next.version(), new Actor("test", null), null, false);

        assertThat(next.version()).isEqualTo(versions + 1);
        assertThat(hiddenEntries(root)).as("what killed writers left is cleaned up").isZero();
        assertThat(Files.readString(root.resolve("models/" + MODEL + "/history.jsonl"))).endsWith("\n");
        check(registry);
        double seconds = (System.nanoTime() - begin) / 1e9;
        System.out.printf("registry crash test: %d kills in %.1f s (%d lanes); %d versions, %d alias moves;"
                + " kills that left a half-registered version behind: %d; kills after which a new version was"
                + " seen: %d; leftovers before the final clean-up: %d; child start to ready %.0f ms, check %.0f ms"
                + " on average%n", KILLS, seconds, LANES, versions, moves, halfRegistered.get(), published.get(),
                leftBehind, startupNanos.get() / 1e6 / KILLS, checkNanos.get() / 1e6 / KILLS);
        // the kills must land while the children write, not only before their first write
        assertThat(versions).isGreaterThanOrEqualTo(KILLS / 4);
        assertThat(halfRegistered.get()).isGreaterThanOrEqualTo(KILLS / 20);
    }

    private void runLane(final Path root, final int lane, final int kills) throws Exception {
        Random random = new Random(SEED + lane);
        Path errors = dir.resolve("child-" + lane + ".err");
        int versionsBefore = 0;
        for (int kill = 0; kill < kills; kill++) {
            long launched = System.nanoTime();
            Process child = new ProcessBuilder(RegistryConcurrencyTest.java(), "-Xshare:auto",
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xmx64m", "-cp",
                    System.getProperty("java.class.path"), RegistryWorker.class.getName(), "loop", root.toString(),
                    MODEL, tiny.toString())
                    .redirectError(errors.toFile()).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8));
                assertThat(out.readLine()).as("lane %d child %d: %s", lane, kill, read(errors)).isEqualTo("ready");
                startupNanos.addAndGet(System.nanoTime() - launched);
                Thread.sleep(random.nextInt(301));
            } finally {
                // SIGKILL on Linux: no shutdown hook, no finally block runs in the child
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(child.exitValue()).as("the child must die by the kill, not by an error: %s", read(errors))
                    .isEqualTo(137);
            long checking = System.nanoTime();
            int versions = check(Registry.open(root));
            assertThat(versions).isGreaterThanOrEqualTo(versionsBefore);
            if (versions > versionsBefore) {
                published.incrementAndGet();
            }
            versionsBefore = versions;
            if (hasIncomingFolder(root)) {
                halfRegistered.incrementAndGet();
            }
            checkNanos.addAndGet(System.nanoTime() - checking);
        }
    }

    /**
     * Checks what a reader sees now, with the other lane's child possibly writing: the history first, so that
     * every version it names was published before the versions are listed.
     *
     * @return the number of versions
     */
    private static int check(final Registry registry) {
        if (registry.models().isEmpty()) {
            return 0;
        }
        List<AliasMove> history = registry.history(MODEL);
        Map<String, Integer> aliases = registry.aliases(MODEL);
        List<ModelVersion> versions = registry.versions(MODEL);
        Set<Integer> existing = new HashSet<>();
        for (int i = 0; i < versions.size(); i++) {
            assertThat(versions.get(i).version()).as("versions are dense").isEqualTo(i + 1);
            registry.packagePath(MODEL, i + 1);
            existing.add(i + 1);
        }
        for (AliasMove move : history) {
            assertThat(move.to()).as("move %s", move).isIn(existing);
        }
        for (Map.Entry<String, Integer> alias : aliases.entrySet()) {
            assertThat(existing).as("alias %s", alias.getKey()).contains(alias.getValue());
        }
        return versions.size();
    }

    private static boolean hasIncomingFolder(final Path root) throws IOException {
        Path versions = root.resolve("models/" + MODEL + "/versions");
        if (!Files.exists(versions)) {
            return false;
        }
        try (Stream<Path> list = Files.list(versions)) {
            return list.anyMatch(p -> p.getFileName().toString().startsWith(Registry.INCOMING)
                    && Files.isDirectory(p));
        }
    }

    private static int hiddenEntries(final Path root) throws IOException {
        try (Stream<Path> list = Files.list(root.resolve("models/" + MODEL + "/versions"))) {
            return (int) list.filter(p -> p.getFileName().toString().startsWith(".")).count();
        }
    }

    private static String read(final Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(no error output)";
        }
    }
}
