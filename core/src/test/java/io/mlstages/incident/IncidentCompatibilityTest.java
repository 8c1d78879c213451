package io.mlstages.incident;

import io.mlstages.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** An incident written by version 1 (the committed demo incident) reads in the store and writes back unchanged. */
class IncidentCompatibilityTest {
    @TempDir
    Path registry;

    @Test
    void shouldReadAVersion1IncidentWithoutTheLaterFieldsAndWriteItBackByteForByte() throws IOException {
        Path v1 = TestData.folder().resolveSibling("reports").resolve("v1").resolve("incident.json");
        String text = Files.readString(v1, StandardCharsets.UTF_8);
        Path file = registry.resolve("incidents/chicago-ridership/chicago-ridership-0001.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);

        Incident incident = IncidentStore.open(registry).get("chicago-ridership-0001");

        assertThat(incident.stage()).isEqualTo(Stage.RESOLVED);
        assertThat(incident.mitigatedBy()).isEqualTo(2);
        assertThat(incident.liveSince()).isNull();
        assertThat(incident.timeToDetect()).isNull();
        // mitigated before mitigations were verified: no evidence, so no time to mitigate is claimed
        assertThat(incident.timeToMitigate()).isNull();
        assertThat(incident.failedVerifications()).isZero();
        assertThat(incident.retrainHalted()).isFalse();
        assertThat(incident.currentProfile()).isNull();
        assertThat(IncidentStore.open(registry).currentProfile(incident)).isEmpty();
        assertThat(Incidents.toJson(incident)).isEqualTo(text);
    }
}
