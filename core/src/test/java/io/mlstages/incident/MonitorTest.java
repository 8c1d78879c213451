package io.mlstages.incident;

import io.mlstages.drift.DriftOptions;
import io.mlstages.registry.Registry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static io.mlstages.incident.ChicagoModel.ACTOR;
import static io.mlstages.incident.ChicagoModel.MODEL;
import static io.mlstages.incident.ChicagoModel.dataset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The incident lifecycle on real data: a linear model of Chicago ridership fitted on 2005-2007, checked against
 * 2008 (ridership and most station columns drifted) and 2002 (fewer columns drifted).
 */
class MonitorTest {
    @TempDir
    Path dir;

    private Instant now = Instant.parse("2026-11-27T08:00:00Z");

    @AfterEach
    void systemClock() {
        Monitor.clock(null);
    }

    private void at(final Instant instant) {
        now = instant;
        Monitor.clock(Clock.fixed(instant, ZoneOffset.UTC));
    }

    private static CheckResult check(final Registry registry, final String data, final CheckOptions options,
            final RetrainRequest request) {
        return Monitor.check(registry, MODEL, "production", dataset(data), options, ACTOR, request);
    }

    @Test
    void shouldOpenOneIncidentAndAttachTheSecondFindingToIt() {
        Registry registry = ChicagoModel.deployed(dir);
        at(now);

        CheckResult clean = check(registry, "chicago-ridership-train.csv", CheckOptions.defaults(), null);
        assertThat(clean.report().datasetDrift()).isFalse();
        assertThat(clean.incident()).isEmpty();

        CheckResult first = check(registry, "chicago-2008.csv", CheckOptions.defaults().withReportFile("r1.json"),
                null);
        assertThat(first.opened()).isTrue();
        assertThat(first.retrainRequested()).isTrue();
        Incident opened = first.incident().orElseThrow();
        assertThat(opened.id()).isEqualTo("ridership-0001");
        assertThat(opened.stage()).isEqualTo(Stage.OPEN);
        assertThat(opened.modelVersion()).isEqualTo(1);
        assertThat(opened.lastFinding().driftedColumns()).contains("Clark_Lake", "Austin").doesNotContain("temp");
        assertThat(opened.lastFinding().reportFile()).isEqualTo("r1.json");
        assertThat(opened.steps().get(0).buildUrl()).isEqualTo(ACTOR.buildUrl());

        at(now.plusSeconds(60));
        CheckResult second = check(registry, "chicago-ridership-test.csv", CheckOptions.defaults(), null);
        assertThat(second.opened()).isFalse();
        assertThat(second.incident().orElseThrow().id()).isEqualTo("ridership-0001");
        assertThat(second.incident().orElseThrow().findings()).hasSize(2);
        IncidentStore store = IncidentStore.open(registry.root());
        assertThat(store.list(MODEL)).hasSize(1);
        assertThat(store.open(MODEL)).map(Incident::findings).get().asList().hasSize(2);
        assertThat(Files.exists(registry.root().resolve("incidents").resolve(MODEL).resolve("ridership-0001.json")))
                .isTrue();
    }

    @Test
    void shouldHoldTheCoolDownUnlessSeverityRises() {
        Registry registry = ChicagoModel.deployed(dir);
        // 2002 drifts in 47% of the features: a finding only with a lower dataset threshold, and a milder one
        CheckOptions options = new CheckOptions(DriftOptions.defaults().withDriftShare(0.4), Duration.ofHours(6),
                null);
        List<String> sent = new ArrayList<>();
        RetrainRequest request = (incident, result) -> sent.add(incident.id() + "/" + incident.severity());
        at(now);

        CheckResult first = check(registry, "chicago-2002.csv", options, request);
        assertThat(first.retrainRequested()).isTrue();
        assertThat(first.incident().orElseThrow().stage()).isEqualTo(Stage.RETRAINING);
        assertThat(first.incident().orElseThrow().lastRetrainRequest()).isEqualTo(now);
        Severity mild = first.incident().orElseThrow().severity();
        assertThat(sent).containsExactly("ridership-0001/" + mild);

        at(now.plus(Duration.ofHours(1)));
        CheckResult same = check(registry, "chicago-2002.csv", options, request);
        assertThat(same.retrainRequested()).isFalse();
        assertThat(same.retrainReason()).contains("cool-down");
        assertThat(sent).hasSize(1);

        at(now.plus(Duration.ofMinutes(10)));
        CheckResult worse = check(registry, "chicago-2008.csv", options, request);
        assertThat(worse.incident().orElseThrow().severity()).isGreaterThan(mild);
        assertThat(worse.escalated()).isTrue();
        assertThat(worse.retrainRequested()).isTrue();
        assertThat(worse.retrainReason()).contains("severity rose");
        assertThat(sent).hasSize(2);

        at(now.plus(Duration.ofHours(5)));
        assertThat(check(registry, "chicago-2008.csv", options, request).retrainRequested()).isFalse();
        at(now.plus(Duration.ofHours(7)));
        CheckResult later = check(registry, "chicago-2008.csv", options, request);
        assertThat(later.retrainRequested()).isTrue();
        assertThat(later.retrainReason()).contains("cool-down of 6h");
        assertThat(sent).hasSize(3);
        assertThat(IncidentStore.open(registry.root()).list(MODEL)).hasSize(1);
    }

    @Test
    void shouldResolveAfterAMitigatingDeploymentAndACleanCheck() {
        Registry registry = ChicagoModel.deployed(dir);
        at(now);
        Incident opened = check(registry, "chicago-2008.csv", CheckOptions.defaults(), (i, r) -> { })
                .incident().orElseThrow();
        assertThat(opened.stage()).isEqualTo(Stage.RETRAINING);

        // a clean check before any new deployment leaves the incident open
        CheckResult early = check(registry, "chicago-ridership-train.csv", CheckOptions.defaults(), null);
        assertThat(early.incident().orElseThrow().stage()).isEqualTo(Stage.RETRAINING);
        assertThat(early.retrainReason()).contains("newly deployed version");

        // redeploying the drifted version mitigates nothing
        assertThat(Monitor.mitigated(registry.root(), MODEL, 1, ACTOR)).isEmpty();

        int retrained = ChicagoModel.register(registry, dir, "chicago-2008.csv");
        registry.promote(MODEL, "production", retrained, ACTOR, "retrained on 2008", true);
        at(now.plus(Duration.ofHours(1)));
        Incident mitigated = Monitor.mitigated(registry.root(), MODEL, retrained, ACTOR).orElseThrow();
        assertThat(mitigated.stage()).isEqualTo(Stage.MITIGATED);
        assertThat(mitigated.mitigatedBy()).isEqualTo(retrained);

        at(now.plus(Duration.ofHours(2)));
        CheckResult clean = check(registry, "chicago-ridership-test.csv", CheckOptions.defaults(), null);
        assertThat(clean.report().datasetDrift()).isFalse();
        assertThat(clean.resolved()).isTrue();
        Incident resolved = clean.incident().orElseThrow();
        assertThat(resolved.steps()).extracting(Step::stage)
                .containsExactly(Stage.OPEN, Stage.RETRAINING, Stage.MITIGATED, Stage.RESOLVED);
        assertThat(resolved.steps()).extracting(Step::at).isSorted();
        assertThat(IncidentStore.open(registry.root()).open(MODEL)).isEmpty();

        // the next drift opens a new incident
        CheckResult again = check(registry, "chicago-2002.csv", CheckOptions.defaults(), null);
        assertThat(again.opened()).isTrue();
        assertThat(again.incident().orElseThrow().id()).isEqualTo("ridership-0002");
    }

    @Test
    void shouldReopenWhenDriftPersistsAfterTheMitigation() {
        Registry registry = ChicagoModel.deployed(dir);
        at(now);
        check(registry, "chicago-2008.csv", CheckOptions.defaults(), null);
        int v2 = ChicagoModel.register(registry, dir, "chicago-ridership-train.csv");
        registry.promote(MODEL, "production", v2, ACTOR, "same data again", true);
        Monitor.mitigated(registry.root(), MODEL, v2, ACTOR);

        CheckResult still = check(registry, "chicago-2008.csv", CheckOptions.defaults(), null);

        Incident incident = still.incident().orElseThrow();
        assertThat(incident.stage()).isEqualTo(Stage.OPEN);
        assertThat(incident.steps().get(incident.steps().size() - 1).note()).contains("persists");
    }

    @Test
    void shouldLeaveTheIncidentUnmarkedWhenTheRequestFails() {
        Registry registry = ChicagoModel.deployed(dir);
        CheckResult result = check(registry, "chicago-2008.csv", CheckOptions.defaults(), (i, r) -> {
            throw new IncidentException("job server down");
        });

        assertThat(result.retrainRequested()).isFalse();
        assertThat(result.retrainReason()).contains("job server down");
        assertThat(result.incident().orElseThrow().stage()).isEqualTo(Stage.OPEN);
        assertThat(result.incident().orElseThrow().lastRetrainRequest()).isNull();
    }

    @Test
    void shouldResolveByHandAndRefuseTwice() {
        Registry registry = ChicagoModel.deployed(dir);
        Incident opened = check(registry, "chicago-2008.csv", CheckOptions.defaults(), null).incident().orElseThrow();
        IncidentStore store = IncidentStore.open(registry.root());

        Incident resolved = store.resolve(opened.id(), ACTOR, "false alarm: a holiday week");

        assertThat(resolved.stage()).isEqualTo(Stage.RESOLVED);
        assertThat(store.get(opened.id()).steps().get(1).note()).isEqualTo("false alarm: a holiday week");
        assertThatThrownBy(() -> store.resolve(opened.id(), ACTOR, null)).isInstanceOf(IncidentException.class)
                .hasMessageContaining("already resolved");
        assertThatThrownBy(() -> store.get("ridership-0042")).isInstanceOf(IncidentException.class)
                .hasMessageContaining("ridership-0042");
    }

    @Test
    void shouldNameTheFileOfADamagedIncident() throws Exception {
        Registry registry = ChicagoModel.deployed(dir);
        Incident opened = check(registry, "chicago-2008.csv", CheckOptions.defaults(), null).incident().orElseThrow();
        Path file = registry.root().resolve("incidents").resolve(MODEL).resolve(opened.id() + ".json");
        Files.writeString(file, Files.readString(file).replace("\"OPEN\"", "\"HALF_OPEN\""));

        assertThatThrownBy(() -> IncidentStore.open(registry.root()).list(MODEL))
                .isInstanceOf(IncidentException.class).hasMessageContaining(file.toString())
                .hasMessageContaining("HALF_OPEN");
    }

    @Test
    void shouldRefuseAnAliasThatPointsNowhere() {
        Registry registry = ChicagoModel.deployed(dir);
        assertThatThrownBy(() -> Monitor.check(registry, MODEL, "staging", dataset("chicago-2008.csv"), null, ACTOR))
                .isInstanceOf(IncidentException.class).hasMessageContaining("staging").hasMessageContaining(MODEL);
    }
}
