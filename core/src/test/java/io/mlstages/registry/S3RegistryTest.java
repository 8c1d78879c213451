package io.mlstages.registry;

import io.mlstages.objectstore.ObjectStore;
import io.mlstages.objectstore.S3TestServer;
import io.mlstages.objectstore.S3Url;
import io.mlstages.train.ModelPackage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The registry under an S3 prefix, against a real S3-compatible server on loopback: the folder registry's semantics
 * (numbered versions verified by SHA-256, aliases and their history, rollback, retention, names), and the races that
 * conditional writes must settle: eight threads and eight processes at once, and a writer killed mid-registration.
 */
class S3RegistryTest {
    private static S3TestServer server;
    @TempDir
    static Path trained;
    private static Path blessed;
    private static Path unblessed;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        server = S3TestServer.start("models");
        io.mlstages.objectstore.S3Settings.configure(server.endpoint(), "us-east-1");
        ModelPackage model = Packages.trainTiny(trained.resolve("blessed"));
        Packages.bless(model, trained.resolve("report"));
        blessed = model.location();
        unblessed = Packages.trainTiny(trained.resolve("unblessed")).location();
    }

    @AfterAll
    static void stop() throws Exception {
        io.mlstages.objectstore.S3Settings.configure(null, null);
        server.close();
    }

    private static Registry open(final String prefix) {
        return Registry.open("s3://models/" + prefix);
    }

    @Test
    void shouldKeepVersionsAliasesHistoryAndRetentionAsTheFolderRegistryDoes() {
        Registry registry = open("semantics");
        assertThat(registry.location()).isEqualTo("s3://models/semantics");
        Actor alice = new Actor("alice", "https://ci.example/job/7/");
        for (int i = 1; i <= 4; i++) {
            assertThat(registry.register("churn", blessed, alice, "v" + i).version()).isEqualTo(i);
        }
        assertThat(registry.models()).containsExactly("churn");
        assertThat(registry.registrationMessage("churn", 3)).isEqualTo("v3");
        assertThat(registry.version("churn", 2).blessed()).isTrue();

        registry.promote("churn", "production", 1, alice, "first", false);
        registry.promote("churn", "production", 2, alice, "second", false);
        Instant between = Instant.now();
        registry.promote("churn", "production", 3, alice, "third", false);
        registry.promote("churn", "staging", 4, alice, null, false);
        assertThat(registry.aliases("churn")).containsEntry("production", 3).containsEntry("staging", 4);
        AliasMove back = registry.rollback("churn", "production", alice, "regression");
        assertThat(back.from()).isEqualTo(3);
        assertThat(back.to()).isEqualTo(2);
        assertThat(registry.aliasAt("churn", "production", between)).contains(2);
        assertThat(registry.history("churn")).hasSize(5);
        assertThat(registry.changeCount("churn")).isEqualTo(5);

        // versions 1 and 3 are unaliased; keep none of them: both go, and their numbers are never handed out again
        assertThat(registry.retain("churn", 0)).containsExactly(1, 3);
        assertThat(registry.versions("churn")).extracting(ModelVersion::version).containsExactly(2, 4);
        assertThatThrownBy(() -> registry.rollback("churn", "production", alice, null))
                .hasMessageContaining("cannot roll back to version 1: that version was deleted");
        assertThat(registry.register("churn", blessed, alice, null).version()).isEqualTo(5);
        registry.removeAlias("churn", "staging", alice, "done");
        assertThat(registry.retain("churn", 0)).containsExactly(4, 5);
        assertThat(registry.register("churn", blessed, alice, null).version()).isEqualTo(6);

        ModelPackage loaded = registry.load("churn", 2);
        assertThat(loaded.metadata().algorithm().label()).isEqualTo("logistic");
        assertThat(open("semantics").aliases("churn")).containsEntry("production", 2);
    }

    @Test
    void shouldRefuseWhatTheFolderRegistryRefuses() {
        Registry registry = open("refusals");
        Actor bob = new Actor("bob", null);
        assertThatThrownBy(() -> registry.register("../escape", blessed, bob, null))
                .isInstanceOf(RegistryException.class).hasMessageContaining("Invalid model name '../escape'");
        assertThatThrownBy(() -> registry.versions("nothing"))
                .hasMessage("No model named nothing in the registry s3://models/refusals");
        registry.register("churn", unblessed, bob, null);
        assertThatThrownBy(() -> registry.promote("churn", "production", 1, bob, null, false))
                .hasMessageContaining("is not blessed");
        assertThat(registry.promote("churn", "production", 1, bob, null, true).forced()).isTrue();
        assertThatThrownBy(() -> registry.version("churn", 7))
                .hasMessage("Model churn has no version 7 (its versions: 1)");
    }

    @Test
    void shouldNameTheChangedFileWhenAStoredObjectNoLongerMatchesItsSha256() throws IOException {
        Registry registry = open("tamper");
        ModelVersion version = registry.register("churn", blessed, new Actor("eve", null), null);
        ObjectStore store = server.store();
        S3Url packageFile = store.list(new S3Url("models", "tamper/models/churn/packages/")).stream()
                .filter(url -> url.name().equals("model.json")).findFirst().orElseThrow();
        byte[] bytes = store.read(packageFile).orElseThrow().bytes();
        bytes[bytes.length - 2] ^= 1;
        store.put(packageFile, bytes);
        // a fresh registry instance: this process's verified downloads are not reused
        assertThatThrownBy(() -> open("tamper").packagePath("churn", version.version()))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("model.json: corrupted or changed in model churn version 1: its SHA-256 is");
    }

    @Test
    void shouldKeepVersionsDenseAndEveryMoveWhenEightThreadsRegisterAndPromoteAtOnce() throws Exception {
        int threads = 8;
        int each = 3;
        CountDownLatch start = new CountDownLatch(1);
        Set<Integer> returned = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    Registry own = open("threads");
                    Actor actor = new Actor("t" + thread, null);
                    start.await();
                    for (int i = 0; i < each; i++) {
                        ModelVersion version = own.register("churn", blessed, actor, null);
                        assertThat(returned.add(version.version())).as("version %d handed out twice",
                                version.version()).isTrue();
                        own.promote("churn", thread % 2 == 0 ? "production" : "staging", version.version(), actor,
                                null, false);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(300, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        int total = threads * each;
        assertThat(returned).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, total).boxed().toList());
        RegistryConcurrencyTest.assertConsistent(open("threads"), "churn", total, total);
    }

    @Test
    void shouldKeepVersionsDenseWhenEightProcessesRegisterAtOnce() throws Exception {
        int processes = 8;
        int each = 2;
        open("processes");
        List<Process> started = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            started.add(worker("register", "processes", Integer.toString(each))
                    .redirectError(dir.resolve("worker-" + p + ".err").toFile()).start());
        }
        List<Integer> reported = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            Process process = started.get(p);
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(Files.readString(dir.resolve("worker-" + p + ".err"))).isZero();
            out.lines().map(line -> Integer.parseInt(line.substring("registered ".length()))).forEach(reported::add);
        }
        int total = processes * each;
        assertThat(reported).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, total).boxed().toList());
        RegistryConcurrencyTest.assertConsistent(open("processes"), "churn", total, total);
        assertThat(Set.copyOf(open("processes").history("churn").stream().map(m -> m.actor().user()).toList()))
                .hasSize(processes);
    }

    /**
     * What once made a killed writer's number look burnt: a record PUT cut off mid-body. S3Proxy creates the record's
     * folder before it reads the body and leaves its temporary file there when the body stops short, so a listing by
     * folders showed the number although no record exists. Numbers come from the records themselves, so the next
     * registration takes that number and numbering stays dense.
     */
    @Test
    void shouldHandOutTheNumberOfARecordWhosePutWasCutOff() throws Exception {
        Registry registry = open("cutoff");
        Actor actor = new Actor("cut", null);
        registry.register("churn", blessed, actor, null);
        byte[] record = server.store().read(new S3Url("models", "cutoff/models/churn/versions/1/version.json"))
                .orElseThrow().bytes();

        server.cutOffPut("models", "cutoff/models/churn/versions/2/version.json", record, record.length / 3);

        ObjectStore store = server.store();
        // the server's leftover: a folder "2" without a record (what the old listing counted as version 2)
        assertThat(store.children(new S3Url("models", "cutoff/models/churn/versions/"))).contains("1", "2");
        assertThat(store.read(new S3Url("models", "cutoff/models/churn/versions/2/version.json"))).isEmpty();
        assertThat(registry.versions("churn")).extracting(ModelVersion::version).containsExactly(1);
        assertThat(registry.register("churn", blessed, actor, null).version()).isEqualTo(2);
        assertThat(open("cutoff").versions("churn")).extracting(ModelVersion::version).containsExactly(1, 2);
    }

    /**
     * A killed writer's upload (package files under {@code packages/}, no record naming them) is removed by the next
     * retention once it is older than the orphan age, and not before; uploads that records name always stay.
     */
    @Test
    void shouldRemoveOnlyOldUnreferencedUploadsWhenRetentionRuns() throws Exception {
        Registry registry = open("orphans");
        Actor actor = new Actor("gc", null);
        registry.register("churn", blessed, actor, null);
        registry.register("churn", blessed, actor, null);
        registry.promote("churn", "production", 2, actor, null, false);
        ObjectStore store = server.store();
        S3Url packages = new S3Url("models", "orphans/models/churn/packages/");
        S3Url old = packages.resolve(java.util.UUID.randomUUID() + "/");
        for (String file : List.of("model.json", "profile.json")) {
            store.put(old.resolve(file), Files.readAllBytes(blessed.resolve(file)));
        }
        Thread.sleep(3_000);
        S3Url young = packages.resolve(java.util.UUID.randomUUID() + "/");
        store.put(young.resolve("model.json"), Files.readAllBytes(blessed.resolve("model.json")));

        assertThat(registry.retain("churn", 1, java.time.Duration.ofSeconds(2))).isEmpty();

        assertThat(store.list(old)).isEmpty();
        assertThat(store.list(young)).hasSize(1);
        Registry fresh = open("orphans");
        fresh.packagePath("churn", 1);
        fresh.packagePath("churn", 2);

        // once old enough the young one goes too; a version retention deletes leaves no upload behind
        Thread.sleep(3_000);
        assertThat(registry.retain("churn", 0, java.time.Duration.ofSeconds(2))).containsExactly(1);
        assertThat(store.list(young)).isEmpty();
        String kept = new String(store.read(new S3Url("models", "orphans/models/churn/versions/2/version.json"))
                .orElseThrow().bytes(), StandardCharsets.UTF_8).replaceAll("(?s).*\"package\" : \"([^\"]+)\".*", "$1");
        assertThat(store.list(packages)).isNotEmpty().allSatisfy(url -> assertThat(url.key())
                .startsWith("orphans/models/churn/" + kept + "/"));
        open("orphans").packagePath("churn", 2);
        // the default age keeps a fresh leftover
        S3Url leftover = packages.resolve(java.util.UUID.randomUUID() + "/");
        store.put(leftover.resolve("model.json"), Files.readAllBytes(blessed.resolve("model.json")));
        registry.retain("churn", 0);
        assertThat(store.list(leftover)).hasSize(1);
    }

    /**
     * Retention racing promotions of the very versions it deletes: in each of six rounds, four registry instances
     * move their own alias to random unaliased versions while a fifth applies retention keeping none. After every
     * round each alias points at a version that exists and verifies, and no version retention reports deleted is one
     * an alias points at: a move to a version either lands before retention looks (the version is kept) or is refused.
     */
    @Test
    void shouldNeverLetAnAliasPointAtAVersionRetentionDeletedWhenTheyRace() throws Exception {
        Registry setup = open("fenced");
        Actor actor = new Actor("fence", null);
        java.util.Random random = new java.util.Random(15);
        java.util.concurrent.atomic.AtomicInteger landed = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
        int deletedTotal = 0;
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            for (int round = 0; round < 6; round++) {
                for (int i = 0; i < 6; i++) {
                    setup.register("churn", blessed, actor, null);
                }
                List<Integer> candidates = setup.versions("churn").stream().map(ModelVersion::version).toList();
                CountDownLatch start = new CountDownLatch(1);
                Future<List<Integer>> retention = pool.submit(() -> {
                    Registry own = open("fenced");
                    start.await();
                    return own.retain("churn", 0);
                });
                List<Future<?>> promoters = new ArrayList<>();
                for (int p = 0; p < 4; p++) {
                    String alias = "alias" + p;
                    long seed = random.nextLong();
                    promoters.add(pool.submit(() -> {
                        Registry own = open("fenced");
                        java.util.Random pick = new java.util.Random(seed);
                        start.await();
                        for (int k = 0; k < 3; k++) {
                            int target = candidates.get(pick.nextInt(candidates.size()));
                            try {
                                own.promote("churn", alias, target, actor, null, false);
                                landed.incrementAndGet();
                            } catch (RegistryException e) {
                                assertThat(e.getMessage()).containsAnyOf("deleted by retention",
                                        "has no version " + target);
                                refused.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> promoter : promoters) {
                    promoter.get(300, TimeUnit.SECONDS);
                }
                List<Integer> deleted = retention.get(300, TimeUnit.SECONDS);
                deletedTotal += deleted.size();
                Registry check = open("fenced");
                java.util.Map<String, Integer> aliases = check.aliases("churn");
                assertThat(deleted).as("round %d", round).doesNotContainAnyElementsOf(aliases.values());
                for (int target : aliases.values()) {
                    check.packagePath("churn", target);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        // the race really ran: moves landed, retention deleted, and some moves found their version gone
        assertThat(landed.get()).isPositive();
        assertThat(deletedTotal).isPositive();
        System.out.printf("fenced race: %d moves landed, %d refused, %d versions deleted%n", landed.get(),
                refused.get(), deletedTotal);
    }

    /**
     * Writers killed at random moments of their register-promote-rollback loop: after each kill, every version the
     * registry lists is whole (its record reads and its files verify), numbers are dense, and every alias points at
     * a listed version. What a killed writer had uploaded before its record stays invisible.
     */
    @Test
    void shouldShowNoHalfVersionAfterAWriterIsKilledMidRegistration() throws Exception {
        java.util.Random random = new java.util.Random(15);
        for (int kill = 0; kill < 6; kill++) {
            Process process = worker("loop", "killed").redirectError(dir.resolve("loop.err").toFile()).start();
            java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(
                    process.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).as(() -> read(dir.resolve("loop.err"))).isEqualTo("ready");
            Thread.sleep(50 + random.nextInt(400));
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

            Registry registry = open("killed");
            if (registry.models().isEmpty()) {
                continue;
            }
            List<ModelVersion> versions = registry.versions("churn");
            // dense: a kill during the record's own PUT leaves no number behind (see the cut-off test above)
            List<Integer> numbers = versions.stream().map(ModelVersion::version).toList();
            assertThat(numbers).as("after kill %d", kill)
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, numbers.size()).boxed().toList());
            for (ModelVersion version : versions) {
                registry.packagePath("churn", version.version());
            }
            for (AliasMove move : registry.history("churn")) {
                if (move.to() != null) {
                    assertThat(numbers).contains(move.to());
                }
            }
        }
        Registry registry = open("killed");
        List<ModelVersion> before = registry.versions("churn");
        int highest = before.isEmpty() ? 0 : before.get(before.size() - 1).version();
        assertThat(registry.register("churn", blessed, new Actor("after", null), null).version())
                .isEqualTo(highest + 1);
    }

    private ProcessBuilder worker(final String mode, final String prefix, final String... more) {
        List<String> command = new ArrayList<>(List.of(RegistryConcurrencyTest.java(), "-Xshare:auto",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                RegistryWorker.class.getName(), mode, "s3://models/" + prefix, "churn", blessed.toString()));
        command.addAll(List.of(more));
        ProcessBuilder builder = new ProcessBuilder(command);
        // what a build agent would have: the endpoint and the credentials in the environment, none on the line
        builder.environment().put("MLSTAGES_S3_ENDPOINT", server.endpoint().toString());
        builder.environment().put("MLSTAGES_S3_REGION", "us-east-1");
        builder.environment().put("AWS_ACCESS_KEY_ID", S3TestServer.ACCESS_KEY);
        builder.environment().put("AWS_SECRET_ACCESS_KEY", S3TestServer.SECRET_KEY);
        return builder;
    }

    private static String read(final Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
