package io.mlstages.usecase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlstages.deploy.DeployException;
import io.mlstages.deploy.DeployRequest;
import io.mlstages.deploy.DeployResult;
import io.mlstages.registry.Actor;
import io.mlstages.registry.AliasMove;
import io.mlstages.model.DeploymentResult;
import io.mlstages.model.ReportJson;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The deployment result as scripts and the {@code deployModel} step read it: what {@code deploy --json} writes. */
class DeploymentJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-11-27T08:00:00.123Z");

    @Test
    void shouldNameTheRequestAndWhyWhenADeploymentIsRefusedBeforeAnyTargetRan() throws Exception {
        JsonNode refused = JSON.readTree(DeploymentJson.refused(
                DeployRequest.ofVersion("cancer", 3).withAlias("staging"),
                new DeployException("Version 3 of cancer is not blessed")));

        assertThat(refused.path("model").asText()).isEqualTo("cancer");
        assertThat(refused.path("version").asInt()).isEqualTo(3);
        assertThat(refused.path("alias").asText()).isEqualTo("staging");
        assertThat(refused.path("previous").isNull()).isTrue();
        assertThat(refused.path("action").asText()).isEqualTo("deploy");
        assertThat(refused.path("outcomes").isArray()).isTrue();
        assertThat(refused.path("outcomes")).isEmpty();
        assertThat(refused.path("succeeded").asBoolean(true)).isFalse();
        assertThat(refused.path("refused").asText()).isEqualTo("Version 3 of cancer is not blessed");
        assertThat(refused.has("mitigatedIncident")).isTrue();
        assertThat(refused.path("mitigatedIncident").isNull()).isTrue();
    }

    @Test
    void shouldKeepEachTargetsOutcomeWhenALaterTargetFailed() throws Exception {
        DeployResult failed = new DeployResult("cancer", 2, "production", 1, DeployResult.DEPLOY, true, true, false,
                null, List.of(new DeployResult.Outcome("directory /srv/models", DeployResult.Status.UNDONE, "removed",
                        1, Duration.ofMillis(40)), new DeployResult.Outcome("http https://serve.example/models",
                        DeployResult.Status.FAILED, "HTTP 503 after 5 attempts", 5, Duration.ofSeconds(3))));

        JsonNode refused = JSON.readTree(DeploymentJson.refused(DeployRequest.ofVersion("cancer", 2),
                new DeployException("http https://serve.example/models failed", failed, null)));

        assertThat(refused.path("previous").asInt()).isEqualTo(1);
        assertThat(refused.path("outcomes")).hasSize(2);
        assertThat(refused.path("outcomes").get(0).path("status").asText()).isEqualTo("UNDONE");
        assertThat(refused.path("outcomes").get(1).path("attempts").asInt()).isEqualTo(5);
        assertThat(refused.path("outcomes").get(1).path("elapsed").asText()).isEqualTo("PT3S");
        assertThat(refused.path("succeeded").asBoolean(true)).isFalse();
        assertThat(refused.path("refused").asText()).contains("failed");
    }

    @Test
    void shouldWriteARollbackAsItsRecordWithInstantsAndDurationsAsText() throws Exception {
        AliasMove move = new AliasMove("cancer", "production", 2, 1, AT, new Actor("release-bot", null),
                "roll back from version 2", "rollback", false);
        DeployResult rolledBack = new DeployResult("cancer", 1, "production", 2, DeployResult.ROLLBACK, false, true,
                false, move, List.of(new DeployResult.Outcome("registry", DeployResult.Status.DONE, "moved back", 1,
                        Duration.ofMillis(7))));

        JsonNode json = JSON.readTree(DeploymentJson.rollback(rolledBack));

        assertThat(json.path("move").path("at").asText()).isEqualTo("2026-11-27T08:00:00.123Z");
        assertThat(json.path("move").path("actor").path("user").asText()).isEqualTo("release-bot");
        assertThat(json.path("outcomes").get(0).path("elapsed").asText()).isEqualTo("PT0.007S");
        assertThat(json.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.path("action").asText()).isEqualTo("rollback");
        assertThat(json.path("succeeded").asBoolean(false)).isTrue();
        assertThat(json.has("refused")).as("only a refusal says why").isFalse();
    }

    @Test
    void shouldWriteWhatTheReportModelReadsBackField() {
        AliasMove move = new AliasMove("cancer", "production", 1, 2, AT, new Actor("jenkins",
                "https://ci.example/job/deploy/3/"), "deploy version 2", "promote", false);
        DeployResult deployed = new DeployResult("cancer", 2, "production", 1, DeployResult.DEPLOY, true, true, false,
                move, List.of(new DeployResult.Outcome("registry", DeployResult.Status.DONE, "alias moved", 1,
                        Duration.ofMillis(31))));

        DeploymentResult read = ReportJson.read(DeploymentJson.rollback(deployed), DeploymentResult.TYPE, "deploy.json");
        DeploymentResult refused = ReportJson.read(DeploymentJson.refused(DeployRequest.ofVersion("cancer", 3),
                new DeployException("Version 3 of cancer is not blessed")), DeploymentResult.TYPE, "refused.json");

        assertThat(read).isEqualTo(DeploymentJson.document(deployed, null, null, null, List.of()));
        assertThat(read.schemaVersion()).isEqualTo(DeploymentResult.SCHEMA_VERSION);
        assertThat(read.move().actor().buildUrl()).isEqualTo("https://ci.example/job/deploy/3/");
        assertThat(read.move().at()).isEqualTo("2026-11-27T08:00:00.123Z");
        assertThat(read.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.ok()).isTrue();
            assertThat(o.elapsed()).isEqualTo("PT0.031S");
        });
        assertThat(refused.succeeded()).isFalse();
        assertThat(refused.version()).isEqualTo(3);
        assertThat(refused.refused()).isEqualTo("Version 3 of cancer is not blessed");
    }
}
