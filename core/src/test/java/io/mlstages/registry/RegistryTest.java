package io.mlstages.registry;

import io.mlstages.data.DataReader;
import io.mlstages.train.ModelPackage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry's behaviour on real packages: versions, aliases and history, retention, diff, integrity, names. */
class RegistryTest {
    private static final Actor ALICE = new Actor("alice", "https://ci.example/job/train/7/");

    @TempDir
    static Path trained;
    private static Path full;
    private static Path blessed;
    private static Path small;

    @TempDir
    Path dir;
    private Registry registry;

    @BeforeAll
    static void trainOnce() throws IOException {
        full = Packages.train(trained.resolve("full")).location();
        ModelPackage toBless = Packages.train(trained.resolve("blessed"));
        Packages.bless(toBless, trained.resolve("report"));
        blessed = toBless.location();
        small = Packages.trainSmall(trained.resolve("small")).location();
    }

    @BeforeEach
    void openRegistry() {
        registry = Registry.open(dir.resolve("registry"));
    }

    @Test
    void shouldNumberVersionsFromOneAndRecordTheHashOfEveryFile() throws IOException {
        ModelVersion first = registry.register("churn", full, ALICE, "first try");
        ModelVersion second = registry.register("churn", blessed, ALICE, null);

        assertThat(first.version()).isEqualTo(1);
        assertThat(second.version()).isEqualTo(2);
        assertThat(registry.models()).containsExactly("churn");
        assertThat(registry.versions("churn")).containsExactly(first, second);
        assertThat(registry.version("churn", 1)).isEqualTo(first);
        assertThat(registry.registrationMessage("churn", 1)).isEqualTo("first try");
        assertThat(first.registeredBy()).isEqualTo(ALICE);
        assertThat(first.algorithm()).isEqualTo("logistic");
        assertThat(first.task()).isEqualTo("binary");
        assertThat(first.blessed()).isFalse();
        assertThat(second.blessed()).isTrue();
        try (Stream<Path> files = Files.walk(full)) {
            List<Path> regular = files.filter(Files::isRegularFile).toList();
            assertThat(first.files()).hasSize(regular.size()).containsKeys("model.json", "profile.json");
            for (Path file : regular) {
                assertThat(first.files()).containsEntry(full.relativize(file).toString(), DataReader.sha256(file));
            }
        }
        assertThat(second.files()).containsKey("blessing.json");
        assertThat(registry.load("churn", 2).metadata().target()).isEqualTo("diagnosis");
    }

    @Test
    void shouldNeverChangeARegisteredVersion() throws IOException {
        registry.register("churn", full, ALICE, "v1");
        Path v1 = registry.packagePath("churn", 1);
        Map<String, String> before = registry.version("churn", 1).files();
        byte[] coefficients = Files.readAllBytes(v1.resolve("coefficients.json"));

        registry.register("churn", small, ALICE, "v2");
        registry.register("churn", full, ALICE, "v3");
        // the registry copied the files: changing the source afterwards changes nothing registered
        Path source = dir.resolve("source");
        io.mlstages.registry.Disk.copyTree(full, source);
        registry.register("churn", source, ALICE, "v4");
        Files.writeString(source.resolve("notes.txt"), "added later");

        assertThat(registry.version("churn", 1).files()).isEqualTo(before);
        assertThat(Files.readAllBytes(registry.packagePath("churn", 1).resolve("coefficients.json")))
                .isEqualTo(coefficients);
        assertThat(registry.version("churn", 4).files()).doesNotContainKey("notes.txt");
        assertThat(registry.version("churn", 2).files()).isNotEqualTo(before);
        assertThat(registry.versions("churn")).extracting(ModelVersion::version).containsExactly(1, 2, 3, 4);
    }

    @Test
    void shouldRefuseToPromoteAnUnblessedVersionUnlessForcedAndRecordTheForce() {
        registry.register("churn", full, ALICE, null);

        assertThatThrownBy(() -> registry.promote("churn", "production", 1, ALICE, "ship it", false))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("Version 1 of model churn is not blessed")
                .hasMessageContaining("production");
        assertThat(registry.alias("churn", "production")).isEmpty();
        assertThat(registry.history("churn")).isEmpty();

        AliasMove forced = registry.promote("churn", "production", 1, ALICE, "hotfix", true);

        assertThat(forced.forced()).isTrue();
        assertThat(registry.history("churn")).containsExactly(forced);
        assertThat(registry.alias("churn", "production")).contains(1);
    }

    @Test
    void shouldPointAliasesAtVersionsAndRecordWhoMovedThemAndWhy() {
        registry.register("churn", blessed, ALICE, null);
        registry.register("churn", blessed, ALICE, null);
        Actor bob = new Actor("bob", null);

        AliasMove production = registry.promote("churn", "production", 1, ALICE, "release 1", false);
        AliasMove staging = registry.promote("churn", "staging", 2, bob, "try 2", false);
        AliasMove forcedOnBlessed = registry.promote("churn", "production", 2, bob, "release 2", true);

        assertThat(registry.aliases("churn")).containsExactly(Map.entry("production", 2), Map.entry("staging", 2));
        assertThat(production.from()).isNull();
        assertThat(production.to()).isEqualTo(1);
        assertThat(production.action()).isEqualTo(AliasMove.PROMOTE);
        assertThat(production.forced()).isFalse();
        // force on a blessed version overrides nothing, so it is not recorded as forced
        assertThat(forcedOnBlessed.forced()).isFalse();
        assertThat(forcedOnBlessed.from()).isEqualTo(1);
        assertThat(registry.history("churn")).containsExactly(production, staging, forcedOnBlessed);
        AliasMove read = Registry.open(dir.resolve("registry")).history("churn").get(1);
        assertThat(read.actor()).isEqualTo(bob);
        assertThat(read.message()).isEqualTo("try 2");
        assertThat(registry.alias("churn", "canary")).isEmpty();
        assertThatThrownBy(() -> registry.promote("churn", "production", 9, ALICE, null, true))
                .isInstanceOf(RegistryException.class).hasMessageContaining("Model churn has no version 9")
                .hasMessageContaining("1-2");
    }

    @Test
    void shouldRollBackToThePreviousHolderAndFurtherOnEachRollback() {
        for (int i = 0; i < 3; i++) {
            registry.register("churn", blessed, ALICE, null);
        }
        registry.promote("churn", "production", 1, ALICE, null, false);
        registry.promote("churn", "production", 2, ALICE, null, false);
        registry.promote("churn", "staging", 3, ALICE, null, false);
        registry.promote("churn", "production", 3, ALICE, null, false);

        AliasMove back = registry.rollback("churn", "production", ALICE, "3 is slow");

        assertThat(back.from()).isEqualTo(3);
        assertThat(back.to()).isEqualTo(2);
        assertThat(back.action()).isEqualTo(AliasMove.ROLLBACK);
        assertThat(registry.alias("churn", "production")).contains(2);
        assertThat(registry.alias("churn", "staging")).contains(3);
        assertThat(registry.rollback("churn", "production", ALICE, null).to()).isEqualTo(1);
        assertThatThrownBy(() -> registry.rollback("churn", "production", ALICE, null))
                .isInstanceOf(RegistryException.class).hasMessageContaining("no other holder than version 1");
        assertThatThrownBy(() -> registry.rollback("churn", "canary", ALICE, null))
                .isInstanceOf(RegistryException.class).hasMessageContaining("Alias canary of model churn");
        assertThat(registry.history("churn")).extracting(AliasMove::action).containsExactly("promote", "promote",
                "promote", "promote", "rollback", "rollback");
    }

    @Test
    void shouldAnswerWhichVersionAnAliasPointedAtAtAnyInstant() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            registry.register("churn", blessed, ALICE, null);
        }
        Instant beforeAll = Instant.now();
        Thread.sleep(2);
        AliasMove one = registry.promote("churn", "production", 1, ALICE, null, false);
        Thread.sleep(2);
        AliasMove three = registry.promote("churn", "production", 3, ALICE, null, false);
        Thread.sleep(2);
        AliasMove removed = registry.removeAlias("churn", "production", ALICE, "incident");
        Thread.sleep(2);
        AliasMove two = registry.promote("churn", "production", 2, ALICE, null, false);

        assertThat(registry.aliasAt("churn", "production", beforeAll)).isEmpty();
        assertThat(registry.aliasAt("churn", "production", one.at())).contains(1);
        assertThat(registry.aliasAt("churn", "production", three.at().minusNanos(1000))).contains(1);
        assertThat(registry.aliasAt("churn", "production", three.at())).contains(3);
        assertThat(registry.aliasAt("churn", "production", removed.at().plusNanos(1000))).isEmpty();
        assertThat(registry.aliasAt("churn", "production", two.at().plusSeconds(3600))).contains(2);
        assertThat(registry.aliasAt("churn", "staging", two.at())).isEmpty();
        assertThat(registry.history("churn")).isSortedAccordingTo((a, b) -> a.at().compareTo(b.at()));
    }

    @Test
    void shouldDeleteOnlyUnaliasedVersionsBeyondTheNewestKeptAndNeverReuseTheirNumbers() {
        for (int i = 0; i < 6; i++) {
            registry.register("churn", blessed, ALICE, null);
        }
        registry.promote("churn", "production", 2, ALICE, null, false);
        registry.promote("churn", "staging", 5, ALICE, null, false);

        assertThat(registry.retain("churn", 2)).containsExactly(1, 3);
        assertThat(registry.versions("churn")).extracting(ModelVersion::version).containsExactly(2, 4, 5, 6);
        assertThat(registry.retain("churn", 2)).isEmpty();
        assertThat(registry.retain("churn", 0)).containsExactly(4, 6);
        assertThat(registry.versions("churn")).extracting(ModelVersion::version).containsExactly(2, 5);
        assertThat(registry.register("churn", blessed, ALICE, null).version()).isEqualTo(7);
        assertThatThrownBy(() -> registry.version("churn", 6)).isInstanceOf(RegistryException.class)
                .hasMessageContaining("Model churn has no version 6 (its versions: 2, 5, 7)");
        assertThatThrownBy(() -> registry.retain("churn", -1)).isInstanceOf(RegistryException.class)
                .hasMessageContaining("-1");
        try (Stream<Path> left = Files.list(dir.resolve("registry/models/churn/versions"))) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("2", "5", "7");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void shouldRefuseToRollBackToAVersionRetentionDeleted() {
        registry.register("churn", blessed, ALICE, null);
        registry.register("churn", blessed, ALICE, null);
        registry.promote("churn", "production", 1, ALICE, null, false);
        registry.promote("churn", "production", 2, ALICE, null, false);
        assertThat(registry.retain("churn", 0)).containsExactly(1);

        assertThatThrownBy(() -> registry.rollback("churn", "production", ALICE, null))
                .isInstanceOf(RegistryException.class).hasMessageContaining("cannot roll back to version 1")
                .hasMessageContaining("deleted");
        assertThat(registry.alias("churn", "production")).contains(2);
    }

    @Test
    void shouldCompareMetricsSchemaLineageAndFilesOfTwoVersions() {
        registry.register("churn", full, ALICE, null);
        registry.register("churn", small, ALICE, null);
        var left = registry.load("churn", 1).metadata();
        var right = registry.load("churn", 2).metadata();

        VersionDiff diff = registry.diff("churn", 1, 2);

        assertThat(diff.a()).isEqualTo(1);
        assertThat(diff.b()).isEqualTo(2);
        VersionDiff.MetricChange accuracy = diff.metrics().stream()
                .filter(m -> m.split().equals("holdout") && m.metric().equals("accuracy")).findFirst().orElseThrow();
        assertThat(accuracy.a()).isEqualTo(left.metrics().get("holdout").get("accuracy"));
        assertThat(accuracy.b()).isEqualTo(right.metrics().get("holdout").get("accuracy"));
        // two features cannot separate the classes as well as thirty
        assertThat(accuracy.delta()).isNegative();
        assertThat(diff.schema()).hasSize(left.features().size() - 2)
                .contains(new VersionDiff.Change("mean_texture", "numeric", null));
        assertThat(diff.schema()).extracting(VersionDiff.Change::name).doesNotContain("mean_radius", "texture_error");
        assertThat(diff.files()).extracting(VersionDiff.Change::name).contains("coefficients.json", "model.json");
        assertThat(diff.lineage()).extracting(VersionDiff.Change::name).contains("trainedAt")
                .doesNotContain("target", "algorithm", "input breast-cancer-train.csv");
        assertThat(registry.diff("churn", 1, 1).schema()).isEmpty();
        assertThat(registry.diff("churn", 1, 1).files()).isEmpty();
    }

    @Test
    void shouldNameTheFileWhenARegisteredFileIsCorruptedMissingOrAdded() throws IOException {
        registry.register("churn", blessed, ALICE, null);
        registry.register("churn", blessed, ALICE, null);
        registry.register("churn", blessed, ALICE, null);
        Path v1 = dir.resolve("registry/models/churn/versions/1/package/coefficients.json");
        byte[] bytes = Files.readAllBytes(v1);
        bytes[bytes.length / 2] ^= 1;
        Files.write(v1, bytes);
        Files.delete(dir.resolve("registry/models/churn/versions/2/package/profile.json"));
        Files.writeString(dir.resolve("registry/models/churn/versions/3/package/extra.txt"), "x");

        assertThatThrownBy(() -> registry.packagePath("churn", 1)).isInstanceOf(RegistryException.class)
                .hasMessageContaining(v1.toString()).hasMessageContaining("corrupted")
                .hasMessageContaining("model churn version 1");
        assertThatThrownBy(() -> registry.load("churn", 1)).isInstanceOf(RegistryException.class)
                .hasMessageContaining("coefficients.json");
        assertThatThrownBy(() -> registry.promote("churn", "production", 1, ALICE, null, false))
                .isInstanceOf(RegistryException.class).hasMessageContaining("coefficients.json");
        assertThatThrownBy(() -> registry.packagePath("churn", 2)).isInstanceOf(RegistryException.class)
                .hasMessageContaining("profile.json").hasMessageContaining("missing");
        assertThatThrownBy(() -> registry.packagePath("churn", 3)).isInstanceOf(RegistryException.class)
                .hasMessageContaining("extra.txt").hasMessageContaining("added");
        assertThat(registry.alias("churn", "production")).isEmpty();
    }

    @Test
    void shouldRefuseHostileModelAndAliasNames() throws IOException {
        registry.register("churn", blessed, ALICE, null);
        for (String name : new String[] {"../x", "/abs", "a\u0000b", "..", ".", "", "a/b", "a\\b", ".hidden", "-x",
            "x".repeat(101), "new\nline"}) {
            assertThatThrownBy(() -> registry.register(name, blessed, ALICE, null)).as(name)
                    .isInstanceOf(RegistryException.class).hasMessageContaining("Invalid model name");
            assertThatThrownBy(() -> registry.promote("churn", name, 1, ALICE, null, false)).as(name)
                    .isInstanceOf(RegistryException.class).hasMessageContaining("Invalid alias name");
            assertThatThrownBy(() -> registry.versions(name)).isInstanceOf(RegistryException.class);
        }
        assertThatThrownBy(() -> registry.register("a\u0000b", blessed, ALICE, null))
                .hasMessageContaining("'a\\u0000b'");
        assertThatThrownBy(() -> registry.register(null, blessed, ALICE, null))
                .isInstanceOf(RegistryException.class).hasMessageContaining("model name is required");
        assertThat(registry.register("x".repeat(100), blessed, ALICE, null).version()).isEqualTo(1);
        assertThat(registry.register("A-1.b_2", blessed, ALICE, null).version()).isEqualTo(1);
        assertThat(Files.exists(dir.resolve("registry/x"))).isFalse();
        assertThat(Files.exists(dir.resolve("x"))).isFalse();
        assertThat(registry.models()).containsExactly("A-1.b_2", "churn", "x".repeat(100));
        assertThatThrownBy(() -> registry.version("churn", 0)).isInstanceOf(RegistryException.class)
                .hasMessageContaining("Invalid version 0 of model churn");
    }

    @Test
    void shouldRegisterAZipPackageAndRefuseOneWithAnEntryEscapingItsFolder() throws IOException {
        Path zip = dir.resolve("model.zip");
        zip(blessed, zip, null);
        Path evil = dir.resolve("evil.zip");
        zip(full, evil, "../evil");

        ModelVersion version = registry.register("churn", zip, ALICE, null);

        assertThat(version.blessed()).isTrue();
        assertThat(registry.load("churn", 1).canPredict()).isTrue();
        assertThatThrownBy(() -> registry.register("churn", evil, ALICE, null))
                .isInstanceOf(RegistryException.class).hasMessageContaining("../evil")
                .hasMessageContaining("evil.zip");
        assertThat(registry.versions("churn")).hasSize(1);
        assertThat(Files.exists(dir.resolve("registry/models/churn/evil"))).isFalse();
        assertThat(Files.exists(dir.resolve("registry/models/churn/versions/evil"))).isFalse();
        try (Stream<Path> left = Files.list(dir.resolve("registry/models/churn/versions"))) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("1");
        }
    }

    @Test
    void shouldRegisterNestedAndReadOnlyFilesAndStillDeleteThemOnRetention() throws IOException {
        Path copy = dir.resolve("copy");
        Disk.copyTree(full, copy);
        Files.createDirectories(copy.resolve("docs/cards"));
        Files.writeString(copy.resolve("docs/cards/card.md"), "# Model card");
        copy.resolve("coefficients.json").toFile().setReadOnly();

        ModelVersion version = registry.register("churn", copy, ALICE, null);
        registry.register("churn", full, ALICE, null);

        assertThat(version.files()).containsKey("docs/cards/card.md");
        assertThat(registry.packagePath("churn", 1).resolve("docs/cards/card.md")).hasContent("# Model card");
        assertThat(registry.retain("churn", 1)).containsExactly(1);
        assertThat(registry.versions("churn")).extracting(ModelVersion::version).containsExactly(2);
    }

    @Test
    void shouldRefuseAPackageThatDoesNotVerifyAndNameItsFile() throws IOException {
        Path copy = dir.resolve("copy");
        Disk.copyTree(full, copy);
        Files.writeString(copy.resolve("coefficients.json"), "{}");

        assertThatThrownBy(() -> registry.register("churn", copy, ALICE, null))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining(copy.resolve("coefficients.json").toString())
                .hasMessageNotContaining(".incoming-");
        assertThatThrownBy(() -> registry.register("churn", dir.resolve("absent"), ALICE, null))
                .isInstanceOf(RegistryException.class).hasMessageContaining("no such model package");
        assertThat(registry.models()).isEmpty();
        try (Stream<Path> left = Files.list(dir.resolve("registry/models/churn/versions"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void shouldIgnoreATornLastHistoryLineAndCutItOffOnTheNextMove() throws IOException {
        registry.register("churn", blessed, ALICE, null);
        registry.register("churn", blessed, ALICE, null);
        registry.promote("churn", "production", 1, ALICE, null, false);
        Path history = dir.resolve("registry/models/churn/history.jsonl");
        // what a writer killed in the middle of its append leaves
        Files.writeString(history, "{\"model\":\"churn\",\"alias\":\"produc", StandardOpenOption.APPEND);

        assertThat(Registry.open(dir.resolve("registry")).aliases("churn")).containsExactly(Map.entry("production", 1));
        registry.promote("churn", "production", 2, ALICE, null, false);

        List<String> lines = Files.readAllLines(history);
        assertThat(lines).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"));
        assertThat(Registry.open(dir.resolve("registry")).history("churn")).extracting(AliasMove::to)
                .containsExactly(1, 2);
    }

    @Test
    void shouldNameTheLineOfAMalformedCommittedHistoryLine() throws IOException {
        registry.register("churn", blessed, ALICE, null);
        registry.promote("churn", "production", 1, ALICE, null, false);
        Files.writeString(dir.resolve("registry/models/churn/history.jsonl"), "not json\n",
                StandardOpenOption.APPEND);

        assertThatThrownBy(() -> Registry.open(dir.resolve("registry")).history("churn"))
                .isInstanceOf(RegistryException.class).hasMessageContaining("history.jsonl: line 2");
    }

    @Test
    void shouldCountAliasMovesSoThatAPollerSeesEachOne() {
        registry.register("churn", blessed, ALICE, null);
        registry.register("churn", blessed, ALICE, null);
        Registry poller = Registry.open(dir.resolve("registry"));
        assertThat(poller.changeCount("churn")).isZero();

        registry.promote("churn", "production", 1, ALICE, null, false);
        long afterOne = poller.changeCount("churn");
        registry.register("churn", blessed, ALICE, null);
        long afterRegister = poller.changeCount("churn");
        registry.promote("churn", "production", 2, ALICE, null, false);

        assertThat(afterOne).isEqualTo(1);
        assertThat(afterRegister).isEqualTo(1);
        assertThat(poller.changeCount("churn")).isEqualTo(2);
        assertThat(poller.alias("churn", "production")).contains(2);
    }

    @Test
    void shouldCleanUpWhatAWriterKilledBeforePublishingLeftBehind() throws IOException {
        registry.register("churn", blessed, ALICE, null);
        Path versions = dir.resolve("registry/models/churn/versions");
        Path orphan = Files.createDirectories(versions.resolve(".incoming-dead/package"));
        Files.writeString(orphan.resolve("model.json"), "{");
        Files.createDirectories(versions.resolve(".trash-1-dead"));

        assertThat(registry.versions("churn")).hasSize(1);
        registry.register("churn", blessed, ALICE, null);

        try (Stream<Path> left = Files.list(versions)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("1", "2");
        }
    }

    @Test
    void shouldTakeTheActorFromTheBuildEnvironment() {
        assertThat(Actor.fromEnvironment(Map.of("BUILD_USER_ID", "carol", "USER", "jenkins", "BUILD_URL",
                "https://ci/job/1/"), "svc")).isEqualTo(new Actor("carol", "https://ci/job/1/"));
        assertThat(Actor.fromEnvironment(Map.of("USER", "jenkins"), "svc")).isEqualTo(new Actor("jenkins", null));
        assertThat(Actor.fromEnvironment(Map.of(), "svc")).isEqualTo(new Actor("svc", null));
        assertThat(Actor.fromEnvironment(Map.of(), null).user()).isEqualTo("unknown");
    }

    private static void zip(final Path folder, final Path zip, final String extraEntry) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip));
                Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new ZipEntry(folder.relativize(file).toString()));
                Files.copy(file, out);
                out.closeEntry();
            }
            if (extraEntry != null) {
                out.putNextEntry(new ZipEntry(extraEntry));
                out.write("pwned".getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
    }

}
