package io.mlstages.usecase;

import io.mlstages.deploy.DeployRequest;
import io.mlstages.incident.CheckOptions;
import io.mlstages.incident.CheckResult;
import io.mlstages.incident.Incident;
import io.mlstages.incident.IncidentException;
import io.mlstages.incident.IncidentStore;
import io.mlstages.incident.Monitor;
import io.mlstages.incident.RetrainRequest;
import io.mlstages.incident.Stage;
import io.mlstages.incident.Step;
import io.mlstages.objectstore.S3Settings;
import io.mlstages.objectstore.S3TestServer;
import io.mlstages.objectstore.S3Url;
import io.mlstages.registry.Registry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Incidents of a registry on S3, against a real S3-compatible server on loopback: the whole loop (drift opens an
 * incident, a verified retrain's deployment mitigates it, a clean check resolves it), the retrain budget, re-arming and
 * resolving by hand, and checks racing from eight registry instances at once while others resolve.
 */
class S3IncidentTest {
    private static S3TestServer server;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() throws Exception {
        server = S3TestServer.start("incidents");
        S3Settings.configure(server.endpoint(), "us-east-1");
    }

    @AfterAll
    static void stop() throws Exception {
        S3Settings.configure(null, null);
        server.close();
    }

    /** An S3 registry whose production alias points to version 1, trained on the 2005-2007 training days. */
    private Registry deployed(final String prefix) {
        Registry registry = Registry.open("s3://incidents/" + prefix);
        int version = registry.register(Chicago.MODEL, Chicago.train(temp, "chicago-ridership-train.csv"),
                Chicago.ACTOR, "first").version();
        registry.promote(Chicago.MODEL, "production", version, Chicago.ACTOR, "first deployment", true);
        return registry;
    }

    private static CheckResult check(final Registry registry, final String data, final RetrainRequest request) {
        return ModelCheck.run(new ModelCheck.Request(registry, Chicago.MODEL, "production",
                List.of(Chicago.dataset(data)), CheckOptions.defaults(), Chicago.ACTOR, null, null, null, request,
                false, null, null)).check();
    }

    /** The revision numbers stored for an incident, ascending. */
    private static List<Integer> revisions(final String prefix, final String id) {
        return server.store().children(new S3Url("incidents", prefix + "/incidents/" + Chicago.MODEL + "/" + id + "/"))
                .stream().filter(name -> name.matches("[0-9]{10}\\.json"))
                .map(name -> Integer.parseInt(name.substring(0, 10))).sorted().toList();
    }

    @Test
    void shouldOpenMitigateAndResolveAnIncidentOnAnS3Registry() {
        Registry registry = deployed("loop");

        CheckResult drift = check(registry, "chicago-2008.csv", (i, r) -> { });
        Incident opened = drift.incident().orElseThrow();
        assertThat(drift.opened()).isTrue();
        assertThat(opened.id()).isEqualTo("ridership-0001");
        assertThat(opened.stage()).isEqualTo(Stage.RETRAINING);
        assertThat(opened.currentProfile()).matches("profile-[0-9a-f-]{36}\\.json");
        IncidentStore store = IncidentStore.of(registry);
        assertThat(store.location()).isEqualTo("s3://incidents/loop/incidents/");
        assertThat(store.currentProfile(opened)).hasValueSatisfying(p -> assertThat(p.rows()).isEqualTo(366));

        // a clean check of the drifted version leaves it open; a second finding joins it
        assertThat(check(registry, "chicago-ridership-train.csv", null).incident().orElseThrow().stage())
                .isEqualTo(Stage.RETRAINING);
        assertThat(check(registry, "chicago-2008.csv", null).incident().orElseThrow().findings()).hasSize(2);

        Path retrained = Chicago.train(temp.resolve("v2"), "chicago-2008.csv");
        Validation.Result verified = Validation.run(Validation.Request.ofPackage(retrained,
                Chicago.dataset("chicago-2008.csv"), List.of()).withBaseline(new Validation.Baseline.Champion(registry,
                Chicago.MODEL, "production"), List.of()),
                IncidentVerification.Request.of(registry, opened.id(), Chicago.ACTOR));
        assertThat(verified.report().passed()).isTrue();
        Deployment.Result deployed = Deployment.run(new Deployment.Request(registry,
                DeployRequest.ofPackage(Chicago.MODEL, retrained).withActor(Chicago.ACTOR), List.of()));
        Incident mitigated = deployed.mitigated().orElseThrow();
        assertThat(mitigated.stage()).isEqualTo(Stage.MITIGATED);
        assertThat(mitigated.mitigatedBy()).isEqualTo(2);
        assertThat(mitigated.mitigation()).isNotEmpty();

        CheckResult clean = check(registry, "chicago-2008.csv", null);
        assertThat(clean.resolved()).isTrue();
        Incident resolved = IncidentStore.of(Registry.open("s3://incidents/loop")).get(opened.id());
        // the passed verification is a step of its own (the stage stays), recorded through the S3 store too
        assertThat(resolved.steps()).extracting(Step::stage)
                .containsExactly(Stage.OPEN, Stage.RETRAINING, Stage.RETRAINING, Stage.MITIGATED, Stage.RESOLVED);
        assertThat(resolved.steps().get(2).event()).isEqualTo(io.mlstages.model.IncidentEvent.VERIFIED);
        assertThat(resolved.findings()).hasSize(2);
        // every change is a revision of its own, kept: opened, joined, verified, mitigated, resolved
        assertThat(revisions("loop", opened.id())).containsExactly(1, 2, 3, 4, 5);
        assertThat(store.open(Chicago.MODEL)).isEmpty();

        // the next drift opens the next incident
        CheckResult again = check(registry, "chicago-ridership-train.csv", null);
        assertThat(again.opened()).isTrue();
        assertThat(again.incident().orElseThrow().id()).isEqualTo("ridership-0002");
        assertThat(store.list(null)).extracting(Incident::id).containsExactly("ridership-0001", "ridership-0002");
    }

    @Test
    void shouldSpendTheRetrainBudgetRearmAndResolveByHandOnAnS3Registry() {
        Registry registry = deployed("budget");
        Incident incident = check(registry, "chicago-2008.csv", null).incident().orElseThrow();
        Path stale = Chicago.train(temp.resolve("v2"), "chicago-ridership-train.csv");
        IncidentVerification.Request verify = new IncidentVerification.Request(registry, incident.id(), "production",
                null, null, null, null, null, 1, Chicago.ACTOR);

        Incident halted = Validation.run(Validation.Request.ofPackage(stale,
                Chicago.dataset("chicago-ridership-test.csv"), List.of()).withBaseline(
                new Validation.Baseline.Champion(registry, Chicago.MODEL, "production"), List.of()), verify)
                .verification().orElseThrow().incident();
        assertThat(halted.retrainHalted()).isTrue();
        IncidentStore store = IncidentStore.of(registry);
        assertThatThrownBy(() -> Monitor.retraining(store, incident.id(), Chicago.ACTOR, "by hand"))
                .isInstanceOf(IncidentException.class).hasMessageContaining("retrain budget spent");

        Incident rearmed = store.rearm(incident.id(), Chicago.ACTOR, "new features");
        assertThat(rearmed.retrainHalted()).isFalse();
        assertThat(Monitor.retraining(store, incident.id(), Chicago.ACTOR, "by hand").stage())
                .isEqualTo(Stage.RETRAINING);

        Incident resolved = store.resolve(incident.id(), Chicago.ACTOR, "false alarm");
        assertThat(resolved.stage()).isEqualTo(Stage.RESOLVED);
        assertThatThrownBy(() -> store.resolve(incident.id(), Chicago.ACTOR, null))
                .isInstanceOf(IncidentException.class).hasMessageContaining("already resolved");
        assertThatThrownBy(() -> store.get("ridership-0042")).isInstanceOf(IncidentException.class)
                .hasMessage("No incident ridership-0042 in s3://incidents/budget (mlstages incident list shows them)");
        // opened, verification failed, re-armed, retraining, resolved
        assertThat(revisions("budget", incident.id())).containsExactly(1, 2, 3, 4, 5);
    }

    /**
     * Eight builds, each with its own registry instance, check drifted data twice at once while two of them also
     * resolve the open incident by hand: at most one incident is open at any end, ids are dense, no finding is lost
     * (every check's finding is in exactly one incident), each incident got exactly one retrain request, and each
     * incident's revisions are dense with one per change.
     */
    @Test
    void shouldLoseNoFindingAndOpenOneIncidentAtATimeWhenChecksAndResolutionsRace() throws Exception {
        deployed("race");
        int builds = 8;
        int checks = 2;
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger resolvedByHand = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(builds);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int b = 0; b < builds; b++) {
                int build = b;
                runs.add(pool.submit(() -> {
                    Registry own = Registry.open("s3://incidents/race");
                    start.await();
                    for (int c = 0; c < checks; c++) {
                        Incident joined = check(own, "chicago-2008.csv", (i, r) -> sent.incrementAndGet())
                                .incident().orElseThrow();
                        if (build < 2 && c == 0) {
                            try {
                                IncidentStore.of(own).resolve(joined.id(), Chicago.ACTOR, "race " + build);
                                resolvedByHand.incrementAndGet();
                            }
                            catch (IncidentException e) {
                                assertThat(e).hasMessageContaining("already resolved");
                            }
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> run : runs) {
                run.get(300, TimeUnit.SECONDS);
            }
        }
        finally {
            pool.shutdownNow();
        }

        List<Incident> incidents = IncidentStore.of(Registry.open("s3://incidents/race")).list(Chicago.MODEL);
        assertThat(incidents).extracting(Incident::id).containsExactlyElementsOf(IntStream.rangeClosed(1,
                incidents.size()).mapToObj(n -> String.format("ridership-%04d", n)).toList());
        assertThat(incidents.subList(0, incidents.size() - 1)).noneMatch(Incident::isOpen);
        assertThat(incidents.stream().filter(i -> !i.isOpen()).count()).isEqualTo(resolvedByHand.get());
        assertThat(incidents.stream().mapToInt(i -> i.findings().size()).sum()).isEqualTo(builds * checks);
        assertThat(sent).hasValue(incidents.size());
        for (Incident incident : incidents) {
            int changes = incident.findings().size() + (incident.isOpen() ? 0 : 1);
            assertThat(revisions("race", incident.id())).as(incident.id()).containsExactlyElementsOf(
                    IntStream.rangeClosed(1, changes).boxed().toList());
            assertThat(incident.steps()).filteredOn(s -> s.stage() == Stage.RETRAINING).hasSize(1);
        }
    }
}
