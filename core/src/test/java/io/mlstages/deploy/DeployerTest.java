package io.mlstages.deploy;

import io.mlstages.deploy.DeployResult.Status;
import io.mlstages.deploy.LoopbackServer.Answer;
import io.mlstages.registry.Actor;
import io.mlstages.registry.AliasMove;
import io.mlstages.registry.ModelVersion;
import io.mlstages.registry.Registry;
import io.mlstages.registry.RegistryException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Deployments and rollbacks of real trained packages: blessing, order of targets, the alias moving last. */
class DeployerTest {
    private static final Actor ACTOR = new Actor("release-bot", "https://ci.example/job/deploy/12/");

    @TempDir
    static Path shared;
    private static Path blessedA;
    private static Path blessedB;
    private static Path unblessed;

    @TempDir
    Path dir;
    private Registry registry;
    private Path serving;

    @BeforeAll
    static void train() {
        blessedA = DeployFixtures.trainBlessed(shared.resolve("a"), 1);
        blessedB = DeployFixtures.trainBlessed(shared.resolve("b"), 2);
        unblessed = DeployFixtures.train(shared.resolve("plain"), 3);
    }

    @BeforeEach
    void open() {
        registry = Registry.open(dir.resolve("registry"));
        serving = dir.resolve("serving");
    }

    private DeployResult deploy(final int version, final DeployTarget... targets) {
        return Deployer.deploy(registry, DeployRequest.ofVersion("churn", version).withActor(ACTOR), List.of(targets));
    }

    private static Map<String, String> digests(final Path folder) throws IOException {
        Map<String, String> digests = new TreeMap<>();
        try (var files = Files.walk(folder)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                digests.put(folder.relativize(file).toString().replace('\\', '/'), DirectoryPublisher.sha256(file));
            }
        }
        return digests;
    }

    @Test
    void shouldRegisterAPackagePublishItAndMoveTheAliasLast() throws IOException {
        DeployRequest request = DeployRequest.ofPackage("churn", blessedA).withActor(ACTOR).withMessage("first");

        // registry listed first: it still runs last
        DeployResult result = Deployer.deploy(registry, request,
                List.of(new DeployTarget.RegistryAlias(), new DeployTarget.Directory(serving, 0)));

        assertThat(result.succeeded()).isTrue();
        assertThat(result.registered()).isTrue();
        assertThat(result.version()).isEqualTo(1);
        assertThat(result.previous()).isNull();
        assertThat(result.outcomes()).extracting(DeployResult.Outcome::target)
                .containsExactly("directory " + serving, "registry");
        assertThat(result.outcomes()).extracting(DeployResult.Outcome::status)
                .containsExactly(Status.DONE, Status.DONE);
        ModelVersion version = registry.version("churn", 1);
        assertThat(version.blessed()).isTrue();
        assertThat(digests(serving.resolve("1"))).isEqualTo(version.files()).containsKey("model.json");
        assertThat(registry.alias("churn", "production")).contains(1);
        AliasMove move = registry.history("churn").get(registry.history("churn").size() - 1);
        assertThat(move.to()).isEqualTo(1);
        assertThat(move.forced()).isFalse();
        assertThat(move.actor()).isEqualTo(ACTOR);
        assertThat(move.message()).isEqualTo("first");
        assertThat(result.summary()).contains("deploy churn version 1 as production (new alias)")
                .contains("registry: done - alias 'production' moved to version 1");

        DeployResult again = deploy(1, new DeployTarget.Directory(serving, 0));

        assertThat(again.outcomes().get(0).status()).isEqualTo(Status.UNCHANGED);
        assertThat(again.previous()).isEqualTo(1);
        assertThat(again.succeeded()).isTrue();
    }

    @Test
    void shouldRefuseAnUnblessedPackageBeforeRegisteringIt() {
        DeployRequest request = DeployRequest.ofPackage("churn", unblessed).withActor(ACTOR);

        assertThatThrownBy(() -> Deployer.deploy(registry, request, List.of(new DeployTarget.Directory(serving, 0))))
                .isInstanceOf(DeployException.class).hasMessageContaining("is not blessed")
                .hasMessageContaining("--force").hasMessageContaining("Nothing was registered or deployed");
        assertThat(registry.models()).isEmpty();
        assertThat(serving).doesNotExist();
    }

    @Test
    void shouldRefuseAnUnblessedVersionUnlessForcedAndRecordTheForce() {
        registry.register("churn", blessedA, ACTOR, "good");
        deploy(1);
        registry.register("churn", unblessed, ACTOR, "not validated");

        DeployException refused = catchThrowableOfType(DeployException.class,
                () -> deploy(2, new DeployTarget.Directory(serving, 0)));

        assertThat(refused.getMessage()).contains("churn version 2 is not blessed")
                .contains("the alias 'production' still points to version 1");
        assertThat(refused.result()).isEmpty();
        assertThat(serving).doesNotExist();
        assertThat(registry.alias("churn", "production")).contains(1);

        DeployResult forced = Deployer.deploy(registry, DeployRequest.ofVersion("churn", 2).withActor(ACTOR)
                .withForce(true).withMessage("hotfix, validation pending"),
                List.of(new DeployTarget.Directory(serving, 0)));

        assertThat(forced.forced()).isTrue();
        assertThat(forced.blessed()).isFalse();
        assertThat(forced.summary()).contains("FORCED without blessing");
        assertThat(registry.alias("churn", "production")).contains(2);
        AliasMove move = registry.history("churn").get(registry.history("churn").size() - 1);
        assertThat(move.forced()).isTrue();
        assertThat(move.from()).isEqualTo(1);
        assertThat(move.message()).isEqualTo("hotfix, validation pending");
    }

    @Test
    void shouldLeaveTheAliasAndTheDirectoryAsTheyWereWhenALaterTargetFails() throws IOException {
        registry.register("churn", blessedA, ACTOR, "v1");
        registry.register("churn", blessedB, ACTOR, "v2");
        deploy(1, new DeployTarget.Directory(serving, 0));
        HttpSettings settings = HttpSettings.defaults().withAttempts(3)
                .withBackoff(Duration.ofMillis(10), Duration.ofMillis(50));
        long historyBefore = registry.history("churn").size();

        try (LoopbackServer server = new LoopbackServer(List.of(Answer.of(500, "database down")))) {
            DeployException e = catchThrowableOfType(DeployException.class, () -> deploy(2,
                    new DeployTarget.Directory(serving, 0),
                    new DeployTarget.Http(server.url(), Secret.of("t0ken-abc", "test"), settings),
                    new DeployTarget.Directory(dir.resolve("second"), 0)));

            assertThat(server.received()).hasSize(3);
            assertThat(e.getMessage()).contains("failed at http " + server.url())
                    .contains("failed after 3 attempts; last: HTTP 500: database down")
                    .contains("The alias 'production' was not moved: it still points to version 1")
                    .contains("Removed the version folder it had published in " + serving);
            assertThat(e.result().orElseThrow().outcomes()).extracting(DeployResult.Outcome::status)
                    .containsExactly(Status.UNDONE, Status.FAILED, Status.SKIPPED, Status.SKIPPED);
            assertThat(e.result().orElseThrow().succeeded()).isFalse();
        }
        assertThat(registry.alias("churn", "production")).contains(1);
        assertThat(registry.history("churn")).hasSize((int) historyBefore);
        assertThat(DirectoryPublisher.versions(serving)).containsExactly(1);
        assertThat(dir.resolve("second")).doesNotExist();
    }

    @Test
    void shouldFailWithoutMovingTheAliasWhenTheServingDirectoryHoldsOtherContentForTheVersion() throws IOException {
        registry.register("churn", blessedA, ACTOR, "v1");
        Files.createDirectories(serving.resolve("1"));
        Files.writeString(serving.resolve("1/saved_model.pb"), "someone else's model");

        DeployException e = catchThrowableOfType(DeployException.class,
                () -> deploy(1, new DeployTarget.Directory(serving, 0)));

        assertThat(e.getMessage()).contains(serving.resolve("1") + " already exists with different content")
                .contains("saved_model.pb not in the package").contains("it still points to no version");
        assertThat(registry.alias("churn", "production")).isEmpty();
        assertThat(Files.readString(serving.resolve("1/saved_model.pb"))).isEqualTo("someone else's model");
    }

    @Test
    void shouldKeepTheNewestVersionFoldersAndTheOneTheAliasHeldBefore() {
        for (int i = 0; i < 4; i++) {
            registry.register("churn", i % 2 == 0 ? blessedA : blessedB, ACTOR, "v" + (i + 1));
        }
        DeployTarget target = new DeployTarget.Directory(serving, 1);

        deploy(1, target);
        deploy(2, target);
        assertThat(DirectoryPublisher.versions(serving)).containsExactly(1, 2);
        deploy(3, target);
        DeployResult fourth = deploy(4, target);

        assertThat(DirectoryPublisher.versions(serving)).containsExactly(3, 4);
        assertThat(fourth.outcomes().get(0).detail()).contains("removed old versions [2] (keep 1)");
    }

    @Test
    void shouldRollTheAliasBackAndServeThePreviousFolderAgain() {
        registry.register("churn", blessedA, ACTOR, "v1");
        registry.register("churn", blessedB, ACTOR, "v2");
        DeployTarget target = new DeployTarget.Directory(serving, 0);
        deploy(1, target);
        deploy(2, target);
        assertThat(DirectoryPublisher.versions(serving)).containsExactly(1, 2);

        DeployResult result = Deployer.rollback(registry, "churn", "production", ACTOR, "v2 misbehaves",
                List.of(target));

        assertThat(result.succeeded()).isTrue();
        assertThat(result.action()).isEqualTo("rollback");
        assertThat(result.version()).isEqualTo(1);
        assertThat(result.previous()).isEqualTo(2);
        assertThat(registry.alias("churn", "production")).contains(1);
        AliasMove move = registry.history("churn").get(registry.history("churn").size() - 1);
        assertThat(move.action()).isEqualTo(AliasMove.ROLLBACK);
        assertThat(move.message()).isEqualTo("v2 misbehaves");
        // a server serving the latest folder serves version 1 again
        assertThat(DirectoryPublisher.versions(serving)).containsExactly(1);
        // the folder of version 1 was already there; removing version 2's changed the directory
        assertThat(result.outcomes()).extracting(DeployResult.Outcome::status)
                .containsExactly(Status.DONE, Status.DONE);
        assertThat(result.outcomes().get(1).detail()).contains("already published, identical")
                .contains("removed newer versions [2]");
    }

    @Test
    void shouldRepublishAPrunedFolderOnRollbackAndPostTheRollback() throws Exception {
        registry.register("churn", blessedA, ACTOR, "v1");
        registry.register("churn", blessedB, ACTOR, "v2");
        deploy(1);
        deploy(2, new DeployTarget.Directory(serving, 0));
        assertThat(DirectoryPublisher.versions(serving)).containsExactly(2);

        try (LoopbackServer server = new LoopbackServer(List.of(Answer.of(200, "")))) {
            DeployResult result = Deployer.rollback(registry, "churn", "production", ACTOR, null, List.of(
                    new DeployTarget.Directory(serving, 0),
                    new DeployTarget.Http(server.url(), Secret.of("abc", "test"), HttpSettings.defaults())));

            assertThat(result.succeeded()).isTrue();
            assertThat(DirectoryPublisher.versions(serving)).containsExactly(1);
            assertThat(server.received()).hasSize(1);
            assertThat(server.received().get(0).body()).contains("\"action\":\"rollback\"")
                    .contains("\"version\":1").contains("\"previous\":2");
        }
    }

    @Test
    void shouldSayWhenThereIsNothingToRollBack() {
        registry.register("churn", blessedA, ACTOR, "v1");

        assertThatThrownBy(() -> Deployer.rollback(registry, "churn", "production", ACTOR, null, List.of()))
                .isInstanceOf(DeployException.class).hasMessageContaining("'production' of churn points to no version");
        deploy(1);
        assertThatThrownBy(() -> Deployer.rollback(registry, "churn", "production", ACTOR, null, List.of()))
                .isInstanceOf(RegistryException.class).hasMessageContaining("production");
    }

    @Test
    void shouldRefuseBadRequests() {
        assertThatThrownBy(() -> new DeployRequest("churn", 1, Path.of("pkg"), null, true, false, null, ACTOR))
                .hasMessageContaining("not both (version 1, package pkg)");
        assertThatThrownBy(() -> new DeployRequest("churn", null, null, null, true, false, null, ACTOR))
                .hasMessageContaining("not neither");
        assertThatThrownBy(() -> DeployRequest.ofVersion("../etc", 1)).hasMessageContaining("model name '../etc'");
        assertThatThrownBy(() -> DeployRequest.ofVersion("churn", 1).withAlias("prod\nuction"))
                .hasMessageContaining("alias name 'prod?uction'");
        assertThatThrownBy(() -> DeployRequest.ofVersion("churn", 0)).hasMessageContaining("at least 1, not 0");
        assertThat(DeployRequest.ofVersion("churn", 3).alias()).isEqualTo("production");
        assertThat(DeployRequest.ofVersion("churn", 3).requireBlessing()).isTrue();
        registry.register("churn", blessedA, ACTOR, "v1");
        DeployTarget target = new DeployTarget.Directory(serving, 0);
        assertThatThrownBy(() -> deploy(1, target, target)).hasMessageContaining("directory " + serving
                + " is listed twice");
        assertThatThrownBy(() -> deploy(7)).isInstanceOf(RegistryException.class).hasMessageContaining("7");
    }
}
