package io.mlstages.registry;

import io.mlstages.train.ModelPackage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verifier on what only the API produces (retention, forced promotions, removed aliases, leftovers of killed
 * writers); the CLI test covers damage to a registry built by the commands.
 */
class RegistryVerifierTest {
    private static final Actor BOB = new Actor("bob", null);

    @TempDir
    static Path trained;
    private static Path unblessed;
    private static Path blessed;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainOnce() throws IOException {
        unblessed = Packages.trainSmall(trained.resolve("plain")).location();
        ModelPackage toBless = Packages.trainSmall(trained.resolve("blessed"));
        Packages.bless(toBless, trained.resolve("report"), 0.5);
        blessed = toBless.location();
    }

    @Test
    void shouldAcceptGapsLeftByRetentionForcedMovesRemovalsAndLeftovers() throws IOException {
        Path root = dir.resolve("registry");
        Registry registry = Registry.open(root);
        for (int i = 0; i < 6; i++) {
            registry.register("churn", i == 2 ? unblessed : blessed, BOB, "v" + (i + 1));
        }
        registry.promote("churn", "production", 2, BOB, "first", false);
        registry.promote("churn", "staging", 3, BOB, "unblessed, forced", true);
        registry.promote("churn", "production", 5, BOB, "second", false);
        registry.rollback("churn", "production", BOB, "back");
        registry.removeAlias("churn", "staging", BOB, "done");
        assertThat(registry.retain("churn", 1)).containsExactly(1, 3, 4, 5);
        Files.createDirectory(root.resolve("models/churn/versions/.trash-4-0000"));

        Verification result = RegistryVerifier.verify(root, null, null);

        assertThat(result.findings()).isEmpty();
        assertThat(result.clean()).isTrue();
        assertThat(result.versions()).isEqualTo(2);
        assertThat(result.moves()).isEqualTo(5);
        assertThat(result.notes()).singleElement().satisfies(note -> assertThat(note.file())
                .isEqualTo("models/churn/versions/.trash-4-0000"));

        // a deletion above the number retention recorded is a gap, not retention's doing
        registry.register("churn", blessed, BOB, "v7");
        registry.register("churn", blessed, BOB, "v8");
        Disk.deleteTree(root.resolve("models/churn/versions/7"));
        List<String> found = RegistryVerifier.verify(root, "churn", null).findings().stream()
                .map(Verification.Finding::toString).toList();
        assertThat(found).containsExactly("model churn version 7: models/churn/versions/7: missing: above 6, the "
                + "highest number retention recorded, versions are numbered without gaps");
    }

    @Test
    void shouldFindNothingWhileAWriterRegistersPromotesAndDeletes() throws Exception {
        Path root = dir.resolve("registry");
        Registry registry = Registry.open(root);
        registry.register("churn", blessed, BOB, null);
        registry.promote("churn", "production", 1, BOB, null, false);
        java.util.concurrent.atomic.AtomicReference<Throwable> failed = new java.util.concurrent.atomic.AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; i < 15; i++) {
                    int version = registry.register("churn", blessed, BOB, null).version();
                    registry.promote("churn", i % 2 == 0 ? "production" : "staging", version, BOB, null, false);
                    if (i % 6 == 2) {
                        // right after production moved: its previous holder was aliased at the last retention
                        registry.rollback("churn", "production", BOB, null);
                    }
                    registry.retain("churn", 1);
                }
            } catch (RuntimeException e) {
                failed.set(e);
            }
        });
        writer.start();
        int rounds = 0;
        while (writer.isAlive() || rounds == 0) {
            Verification result = RegistryVerifier.verify(root, null, null);
            assertThat(result.findings()).as("round %d", rounds).isEmpty();
            rounds++;
        }
        writer.join();
        assertThat(failed.get()).isNull();
        assertThat(rounds).isGreaterThan(1);
        assertThat(RegistryVerifier.verify(root, "churn", null).clean()).isTrue();
    }

    @Test
    void shouldFindForcedFlagsThatContradictTheBlessingAndMovesOutOfTimeOrder() throws IOException {
        Path root = dir.resolve("registry");
        Registry registry = Registry.open(root);
        registry.register("churn", blessed, BOB, null);
        registry.register("churn", unblessed, BOB, null);
        registry.promote("churn", "production", 1, BOB, null, false);
        registry.promote("churn", "production", 2, BOB, null, true);
        Path history = root.resolve("models/churn/history.jsonl");
        List<String> lines = Files.readAllLines(history);
        // the first move claims to be forced, the second claims not to be, and is dated before the first
        lines.set(0, lines.get(0).replace("\"forced\":false", "\"forced\":true"));
        lines.set(1, lines.get(1).replace("\"forced\":true", "\"forced\":false")
                .replaceFirst("\"at\":\"[^\"]+\"", "\"at\":\"2000-01-01T00:00:00Z\""));
        Files.write(history, lines);

        List<String> found = RegistryVerifier.verify(root, null, null).findings().stream()
                .map(Verification.Finding::toString).toList();

        assertThat(found).containsExactly(
                "model churn version 1: models/churn/history.jsonl: line 1 (promote of alias production): recorded "
                        + "as forced, but the version is blessed (a forced move overrides a missing blessing)",
                "model churn: models/churn/history.jsonl: line 2 (promote of alias production): at "
                        + "2000-01-01T00:00:00Z, before the move above it ("
                        + registry.history("churn").get(0).at() + "); the history is in order of time",
                "model churn version 2: models/churn/history.jsonl: line 2 (promote of alias production): promotes "
                        + "an unblessed version without being recorded as forced");
    }
}
