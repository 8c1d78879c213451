package io.mlstages.usecase;

import io.mlstages.deploy.DeployRequest;
import io.mlstages.deploy.DeployResult;
import io.mlstages.deploy.Deployer;
import io.mlstages.incident.Incident;
import io.mlstages.incident.IncidentStore;
import io.mlstages.incident.Incidents;
import io.mlstages.incident.Monitor;
import io.mlstages.incident.Step;
import io.mlstages.model.CheckReport;
import io.mlstages.model.DeploymentResult;
import io.mlstages.model.IncidentDocument;
import io.mlstages.model.IncidentEvent;
import io.mlstages.model.ReportJson;
import io.mlstages.model.ValidationReportDocument;
import io.mlstages.registry.Registry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The structured incident events each result carries (check, validation, deployment) and each step of the incident
 * records, along the loop on Chicago L ridership: the 2008 days drift from the 2005-2007 model; a retrain on the old
 * days is refused, one on 2008 is verified and its deployment mitigates.
 */
class IncidentEventsTest {
    @TempDir
    Path temp;

    private CheckReport check(final Registry registry, final String data, final String name) throws IOException {
        Path json = temp.resolve(name);
        ModelCheck.run(new ModelCheck.Request(registry, Chicago.MODEL, "production",
                List.of(Chicago.dataset(data)), null, Chicago.ACTOR, json, null, null, null, true, null, null));
        return CheckReport.read(Files.readString(json, StandardCharsets.UTF_8), name);
    }

    private ValidationReportDocument validate(final Registry registry, final Path candidate, final String data,
            final String incident, final String name) throws IOException {
        Path json = temp.resolve(name);
        Validation.run(Validation.Request.ofPackage(candidate, Chicago.dataset(data), List.of())
                .withBaseline(new Validation.Baseline.Champion(registry, Chicago.MODEL, "production"), List.of())
                .withReports(json, null), IncidentVerification.Request.of(registry, incident, Chicago.ACTOR));
        return ReportJson.read(Files.readString(json, StandardCharsets.UTF_8), ValidationReportDocument.TYPE, name);
    }

    @Test
    void shouldNameWhatEachRunDidToTheIncident() throws IOException {
        Registry registry = Chicago.deployed(temp);

        CheckReport opened = check(registry, "chicago-2008.csv", "check-1.json");
        String id = opened.check().incident().id();
        assertThat(opened.incidentEvents()).containsExactly(new IncidentEvent(id, IncidentEvent.DETECTED),
                new IncidentEvent(id, IncidentEvent.RETRAIN_REQUESTED));

        CheckReport again = check(registry, "chicago-2008.csv", "check-2.json");
        assertThat(again.incidentEvents()).containsExactly(new IncidentEvent(id, IncidentEvent.FOUND_AGAIN));

        Path stale = Chicago.train(temp.resolve("stale"), "chicago-ridership-train.csv");
        ValidationReportDocument refused = validate(registry, stale, "chicago-ridership-test.csv", id, "v-stale.json");
        assertThat(refused.passed()).isFalse();
        assertThat(refused.incidentEvents()).containsExactly(new IncidentEvent(id, IncidentEvent.RETRAIN_REFUSED));

        Path retrained = Chicago.train(temp.resolve("v2"), "chicago-2008.csv");
        ValidationReportDocument verified = validate(registry, retrained, "chicago-2008.csv", id, "v-2008.json");
        assertThat(verified.passed()).isTrue();
        assertThat(verified.incidentEvents()).containsExactly(new IncidentEvent(id, IncidentEvent.VERIFIED));

        Deployment.Result deployed = Deployment.run(new Deployment.Request(registry,
                DeployRequest.ofPackage(Chicago.MODEL, retrained).withActor(Chicago.ACTOR), List.of()));
        DeploymentResult written = ReportJson.read(DeploymentJson.of(deployed), DeploymentResult.TYPE, "deploy");
        assertThat(written.mitigatedIncident()).isEqualTo(id);
        assertThat(written.incidentEvents()).containsExactly(new IncidentEvent(id, IncidentEvent.MITIGATED));

        CheckReport clean = check(registry, "chicago-2008.csv", "check-3.json");
        assertThat(clean.report().datasetDrift()).isFalse();
        assertThat(clean.incidentEvents()).containsExactly(new IncidentEvent(id, IncidentEvent.RESOLVED));

        // the incident's own steps carry the same kinds, and its JSON writes them
        Incident incident = IncidentStore.open(registry.root()).get(id);
        assertThat(incident.steps()).extracting(Step::event).containsExactly(IncidentEvent.DETECTED,
                IncidentEvent.RETRAIN_REQUESTED, IncidentEvent.RETRAIN_REFUSED, IncidentEvent.VERIFIED,
                IncidentEvent.MITIGATED, IncidentEvent.RESOLVED);
        IncidentDocument document = ReportJson.read(Incidents.toJson(incident), IncidentDocument.TYPE, "incident");
        assertThat(document.steps()).extracting(IncidentDocument.Step::event).containsExactly("detected",
                "retrain-requested", "retrain-refused", "verified", "mitigated", "resolved");
        assertThat(document.steps()).extracting(IncidentDocument.Step::buildUrl).containsOnly(
                Chicago.ACTOR.buildUrl());
    }

    @Test
    void shouldNameTheRollbackInItsJsonAndTheIncidentItOpened() {
        Registry registry = Chicago.deployed(temp);
        int v2 = registry.register(Chicago.MODEL, Chicago.train(temp.resolve("v2"), "chicago-2008.csv"),
                Chicago.ACTOR, "second").version();
        registry.promote(Chicago.MODEL, "production", v2, Chicago.ACTOR, "second", true);

        DeployResult back = Deployer.rollback(registry, Chicago.MODEL,
                "production", Chicago.ACTOR, "too slow", List.of());
        Incident opened = Monitor.rolledBack(registry.root(), Chicago.MODEL, v2, 1,
                Chicago.ACTOR, "too slow");

        DeploymentResult written = ReportJson.read(DeploymentJson.rollback(back, opened), DeploymentResult.TYPE,
                "rollback");
        assertThat(written.version()).isEqualTo(1);
        assertThat(written.incidentEvents()).containsExactly(new IncidentEvent(opened.id(),
                IncidentEvent.ROLLED_BACK));
        assertThat(ReportJson.read(DeploymentJson.rollback(back), DeploymentResult.TYPE, "rollback")
                .incidentEvents()).isEmpty();
        assertThat(DeploymentJson.rollback(back)).doesNotContain("incidentEvents");
    }

    @Test
    void shouldSayHaltedWhenARefusalSpendsTheBudgetAndNotMitigatedOnAForcedDeploy() throws IOException {
        Registry registry = Chicago.deployed(temp);
        String id = check(registry, "chicago-2008.csv", "check.json").check().incident().id();
        Path stale = Chicago.train(temp.resolve("stale"), "chicago-ridership-train.csv");
        Path json = temp.resolve("v.json");

        Validation.run(Validation.Request.ofPackage(stale, Chicago.dataset("chicago-ridership-test.csv"), List.of())
                .withReports(json, null), new IncidentVerification.Request(registry, id, "production", null, null, null, null,
                null, 1, Chicago.ACTOR));

        assertThat(ReportJson.read(Files.readString(json, StandardCharsets.UTF_8), ValidationReportDocument.TYPE,
                "v.json").incidentEvents()).containsExactly(new IncidentEvent(id, IncidentEvent.HALTED));

        Deployment.Result forced = Deployment.run(new Deployment.Request(registry,
                DeployRequest.ofPackage(Chicago.MODEL, stale).withForce(true).withActor(Chicago.ACTOR), List.of()));
        assertThat(ReportJson.read(DeploymentJson.of(forced), DeploymentResult.TYPE, "deploy").incidentEvents())
                .containsExactly(new IncidentEvent(id, IncidentEvent.NOT_MITIGATED));
    }
}
