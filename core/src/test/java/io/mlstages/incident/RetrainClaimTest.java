package io.mlstages.incident;

import io.mlstages.registry.Registry;
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
import java.util.concurrent.atomic.AtomicInteger;

import static io.mlstages.incident.ChicagoModel.ACTOR;
import static io.mlstages.incident.ChicagoModel.MODEL;
import static io.mlstages.incident.ChicagoModel.dataset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Overlapping drift checks of one model send one retrain request: the request is recorded in the check's locked
 * decision, before it is sent, and withdrawn when sending fails.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class RetrainClaimTest {
    @TempDir
    Path dir;

    private static CheckResult check(final Registry registry, final RetrainRequest request) {
        return Monitor.check(registry, MODEL, "production", dataset("chicago-2008.csv"), CheckOptions.defaults(),
                ACTOR, request);
    }

    @Test
    void shouldSendOneRetrainRequestWhenEightChecksOverlap() throws Exception {
        Registry registry = ChicagoModel.deployed(dir);
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger running = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        // a slow request: the checks that decide while it runs must see it as made
        RetrainRequest slow = (incident, result) -> {
            sent.incrementAndGet();
            running.incrementAndGet();
            try {
                Thread.sleep(1500);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
        };
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<CheckResult> results = new ArrayList<>();
        try {
            List<Future<CheckResult>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                // each its own registry instance, as separate builds would
                runs.add(pool.submit(() -> {
                    start.await();
                    return check(Registry.open(registry.root()), slow);
                }));
            }
            start.countDown();
            for (Future<CheckResult> run : runs) {
                results.add(run.get(200, TimeUnit.SECONDS));
            }
        }
        finally {
            pool.shutdownNow();
        }

        assertThat(sent).hasValue(1);
        assertThat(results).filteredOn(CheckResult::retrainRequested).hasSize(1);
        assertThat(results).filteredOn(r -> !r.retrainRequested())
                .allSatisfy(r -> assertThat(r.retrainReason()).startsWith("cool-down: a retrain was requested at"));
        Incident incident = IncidentStore.open(registry.root()).open(MODEL).orElseThrow();
        assertThat(incident.findings()).hasSize(8);
        assertThat(incident.steps()).extracting(Step::stage).containsExactly(Stage.OPEN, Stage.RETRAINING);
        assertThat(incident.lastRetrainRequest()).isEqualTo(incident.steps().get(1).at());
    }

    @Test
    void shouldNotRequestAgainWhileTheFirstRequestIsStillRunning() throws Exception {
        Registry registry = ChicagoModel.deployed(dir);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger sent = new AtomicInteger();
        RetrainRequest blocking = (incident, result) -> {
            sent.incrementAndGet();
            inside.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<CheckResult> first = pool.submit(() -> check(registry, blocking));
            assertThat(inside.await(120, TimeUnit.SECONDS)).isTrue();
            CheckResult second = check(Registry.open(registry.root()), blocking);
            release.countDown();
            assertThat(first.get(60, TimeUnit.SECONDS).retrainRequested()).isTrue();
            assertThat(second.retrainRequested()).isFalse();
            assertThat(second.incident().orElseThrow().stage()).isEqualTo(Stage.RETRAINING);
        }
        finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertThat(sent).hasValue(1);
    }

    @Test
    void shouldWithdrawTheRequestWhenSendingFailsSoThatTheNextCheckAsksAgain() {
        Registry registry = ChicagoModel.deployed(dir);
        CheckResult failed = check(registry, (incident, result) -> {
            // while it is being sent, the request is on record
            assertThat(IncidentStore.open(registry.root()).get(incident.id()).stage()).isEqualTo(Stage.RETRAINING);
            throw new IncidentException("the job server is down");
        });
        assertThat(failed.retrainRequested()).isFalse();
        assertThat(failed.retrainReason()).isEqualTo("the retrain request failed: the job server is down");
        Incident stored = IncidentStore.open(registry.root()).open(MODEL).orElseThrow();
        assertThat(stored.stage()).isEqualTo(Stage.OPEN);
        assertThat(stored.lastRetrainRequest()).isNull();
        assertThat(stored.steps()).extracting(Step::stage).containsExactly(Stage.OPEN);

        AtomicInteger sent = new AtomicInteger();
        CheckResult retried = check(registry, (incident, result) -> sent.incrementAndGet());
        assertThat(retried.retrainRequested()).isTrue();
        assertThat(sent).hasValue(1);
        assertThat(retried.incident().orElseThrow().stage()).isEqualTo(Stage.RETRAINING);
    }

    @Test
    void shouldWithdrawOnlyTheNamedRequest() {
        Registry registry = ChicagoModel.deployed(dir);
        CheckResult claimed = check(registry, (incident, result) -> { });
        Incident incident = claimed.incident().orElseThrow();
        assertThatThrownBy(() -> Monitor.withdrawRetrain(registry.root(), incident.id(),
                incident.lastRetrainRequest().minusSeconds(1)))
                .isInstanceOf(IncidentException.class).hasMessageContaining("no retrain request made at");

        Incident withdrawn = Monitor.withdrawRetrain(registry.root(), incident.id(), incident.lastRetrainRequest());
        assertThat(withdrawn.stage()).isEqualTo(Stage.OPEN);
        assertThat(withdrawn.lastRetrainRequest()).isNull();
        assertThat(withdrawn.findings()).hasSize(1);
    }
}
