package io.mlstages.deploy;

import io.mlstages.registry.Actor;
import io.mlstages.registry.Registry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A serving directory always holds the folder of the version its alias names, as its highest version (what TF
 * Serving serves), whatever the order and overlap of the deployments into it.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DirectoryDeployConcurrencyTest {
    private static final Actor ACTOR = new Actor("tester", null);
    private static final int VERSIONS = 8;

    @TempDir
    static Path shared;
    private static Path blessed;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainOnce() {
        blessed = DeployFixtures.trainBlessed(shared.resolve("blessed"), 7);
    }

    private Registry registry() {
        Registry registry = Registry.open(dir.resolve("registry"));
        for (int v = 1; v <= VERSIONS; v++) {
            registry.register("churn", blessed, ACTOR, "copy " + v);
        }
        return registry;
    }

    private static DeployResult deploy(final Registry registry, final int version, final Path serving) {
        return Deployer.deploy(registry, DeployRequest.ofVersion("churn", version).withActor(ACTOR),
                List.of(new DeployTarget.Directory(serving, 2)));
    }

    @Test
    void shouldServeTheAliasVersionWhenEightDeploymentsIntoOneDirectoryOverlap() throws Exception {
        Registry registry = registry();
        for (int round = 0; round < 4; round++) {
            Path serving = dir.resolve("serving-" + round);
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(VERSIONS);
            try {
                List<Future<DeployResult>> runs = new ArrayList<>();
                for (int v = 1; v <= VERSIONS; v++) {
                    int version = v;
                    runs.add(pool.submit(() -> {
                        start.await();
                        // each its own registry instance, as separate deployments would
                        return deploy(Registry.open(registry.root()), version, serving);
                    }));
                }
                start.countDown();
                for (Future<DeployResult> run : runs) {
                    run.get(120, TimeUnit.SECONDS);
                }
            }
            finally {
                pool.shutdownNow();
            }
            int live = registry.alias("churn", "production").orElseThrow();
            List<Integer> folders = DirectoryPublisher.versions(serving);
            assertThat(folders).as("round %d: alias on %d", round, live).contains(live);
            assertThat(folders.get(folders.size() - 1)).as("round %d: the highest folder", round).isEqualTo(live);
            assertThat(folders).as("round %d", round).hasSizeLessThanOrEqualTo(3);
        }
    }

    @Test
    void shouldRemoveNewerFoldersWhenAnOlderVersionIsDeployed() {
        Registry registry = registry();
        Path serving = dir.resolve("serving");
        deploy(registry, 5, serving);
        DeployResult older = deploy(registry, 3, serving);

        assertThat(registry.alias("churn", "production")).contains(3);
        assertThat(DirectoryPublisher.versions(serving)).containsExactly(3);
        assertThat(older.outcomes()).anySatisfy(o -> assertThat(o.detail()).contains("removed newer versions [5]"));

        deploy(registry, 4, serving);
        assertThat(DirectoryPublisher.versions(serving)).containsExactly(3, 4);
    }
}
