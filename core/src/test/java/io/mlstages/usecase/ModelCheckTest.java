package io.mlstages.usecase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlstages.deploy.DeployException;
import io.mlstages.deploy.DeployRequest;
import io.mlstages.deploy.DeployTarget;
import io.mlstages.incident.Incident;
import io.mlstages.incident.Stage;
import io.mlstages.registry.Registry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The check of a registered model and the deployment that mitigates its incident, on Chicago ridership. */
class ModelCheckTest {
    @TempDir
    Path temp;

    @Test
    void shouldOpenAnIncidentAndWriteTheReportsBeforeTheRetrainRequestIsSent() throws IOException {
        Registry registry = Chicago.deployed(temp);
        Path json = temp.resolve("check.json");
        Path junit = temp.resolve("check.xml");
        Path html = temp.resolve("check.html");
        List<Boolean> reportsThere = new ArrayList<>();

        ModelCheck.Result result = ModelCheck.run(new ModelCheck.Request(registry, Chicago.MODEL, "production",
                List.of(Chicago.dataset("chicago-2008.csv")), null, Chicago.ACTOR, json, junit, html,
                (incident, due) -> reportsThere.add(Files.exists(json) && Files.exists(html)), false, null, null));

        assertThat(result.check().report().datasetDrift()).isTrue();
        assertThat(result.version()).isEqualTo(1);
        Incident incident = result.check().incident().orElseThrow();
        assertThat(result.check().opened()).isTrue();
        assertThat(reportsThere).containsExactly(true);
        JsonNode written = new ObjectMapper().readTree(json.toFile());
        assertThat(written.get("model").asText()).isEqualTo(Chicago.MODEL);
        assertThat(written.get("version").asInt()).isEqualTo(1);
        assertThat(written.get("alias").asText()).isEqualTo("production");
        assertThat(written.get("incident").get("id").asText()).isEqualTo(incident.id());
        assertThat(written.get("retrain").get("due").asBoolean()).isTrue();
        assertThat(written.get("retrain").get("requestedAt").asText()).isNotBlank();
        assertThat(Files.readString(html)).contains(incident.id());
        assertThat(Files.readString(junit)).contains("<testsuite");
        // the finding names the page a person reads first
        assertThat(incident.findings().get(0).reportFile()).isEqualTo(html.toAbsolutePath().toString());
        assertThat(result.notification()).isEmpty();
    }

    @Test
    void shouldLeaveTheOpenIncidentOpenWhenAnUnverifiedVersionGoesOut() {
        Registry registry = Chicago.deployed(temp);
        Incident open = ModelCheck.run(new ModelCheck.Request(registry, Chicago.MODEL, "production",
                List.of(Chicago.dataset("chicago-2008.csv")), null, Chicago.ACTOR, null, null, null, null, false,
                null, null)).check().incident().orElseThrow();
        Path retrained = Chicago.train(temp.resolve("v2"), "chicago-2008.csv");
        Path serving = temp.resolve("serving");

        Deployment.Result result = Deployment.run(new Deployment.Request(registry,
                DeployRequest.ofPackage(Chicago.MODEL, retrained).withRequireBlessing(false).withActor(Chicago.ACTOR),
                List.of(new DeployTarget.Directory(serving, 0))));

        assertThat(result.succeeded()).isTrue();
        assertThat(result.deployed().version()).isEqualTo(2);
        assertThat(registry.alias(Chicago.MODEL, "production")).contains(2);
        // a deployment mitigates only with a blessing verified by validate --incident (IncidentVerificationTest)
        assertThat(result.mitigated()).isEmpty();
        assertThat(result.notMitigated()).hasValueSatisfying(why -> assertThat(why).contains("not blessed"));
        Incident after = io.mlstages.incident.IncidentStore.open(registry.root()).get(open.id());
        assertThat(after.stage()).isEqualTo(open.stage());
        assertThat(after.mitigatedBy()).isNull();
        assertThat(serving.resolve("2")).isDirectory();
    }

    @Test
    void shouldRefuseAnUnblessedVersionAndLeaveTheAliasAndIncidentAlone() {
        Registry registry = Chicago.deployed(temp);
        Path unblessed = Chicago.train(temp.resolve("v2"), "chicago-2008.csv");

        assertThatThrownBy(() -> Deployment.run(new Deployment.Request(registry,
                DeployRequest.ofPackage(Chicago.MODEL, unblessed).withActor(Chicago.ACTOR), List.of())))
                .isInstanceOf(DeployException.class).hasMessageContaining("bless");
        assertThat(registry.alias(Chicago.MODEL, "production")).contains(1);
    }

    @Test
    void shouldRefuseAFolderAsAReportBeforeAnythingIsRecorded() {
        Registry registry = Chicago.deployed(temp);

        assertThatThrownBy(() -> new ModelCheck.Request(registry, Chicago.MODEL, "production",
                List.of(Chicago.dataset("chicago-2008.csv")), null, Chicago.ACTOR, null, null, temp, null, false,
                null, null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is a folder");
    }
}
