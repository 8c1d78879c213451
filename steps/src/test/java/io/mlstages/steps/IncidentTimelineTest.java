package io.mlstages.steps;

import io.mlstages.model.IncidentDocument;
import io.mlstages.model.ReportJson;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The incident timeline of the build page, from a committed version-1 incident and one with the later fields. */
class IncidentTimelineTest {
    private static String v1Incident() throws IOException {
        Path file = RepositoryRoot.find().resolve("test-resources/reports/v1/incident.json");
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    @Test
    void shouldOrderTheDemoIncidentOfVersion1AcrossTheLoop() throws IOException {
        IncidentTimeline timeline = IncidentTimeline.parse(v1Incident(), "incident.json");

        assertThat(timeline.incidentId()).isEqualTo("chicago-ridership-0001");
        assertThat(timeline.entries()).extracting(IncidentTimeline.Entry::loop)
                .containsExactly("drift check", "drift check", "retrain", "deployment", "drift check");
        assertThat(timeline.entries()).extracting(IncidentTimeline.Entry::stage)
                .containsExactly("finding", "OPEN", "RETRAINING", "MITIGATED", "RESOLVED");
        assertThat(timeline.entries().get(0).note()).startsWith("HIGH drift, share 0.58: Austin");
        // its steps name no event: judged from the stage and the note, and marked so
        assertThat(timeline.entries()).extracting(IncidentTimeline.Entry::event).containsExactly("finding",
                "detected", "retrain-requested", "mitigated", "resolved");
        assertThat(timeline.entries()).extracting(IncidentTimeline.Entry::guessed)
                .containsExactly(false, true, true, true, true);
        assertThat(timeline.toHtml()).contains("<td>detected (judged from the note)</td>");
        // a version-1 incident has neither figure
        assertThat(timeline.timeToDetect()).isNull();
        assertThat(timeline.timeToMitigate()).isNull();
        assertThat(timeline.builds()).isEmpty();
    }

    @Test
    void shouldLabelAStepByItsEventNotByItsNote() throws IOException {
        IncidentDocument v1 = ReportJson.read(v1Incident(), IncidentDocument.TYPE, "incident.json");
        // a note worded like a rollback, but the step says what it is: a person resolved it
        IncidentDocument incident = new IncidentDocument(1, v1.id(), v1.model(), 1, "RESOLVED", "HIGH", null, null,
                List.of(), List.of(new IncidentDocument.Step("OPEN", "2026-12-07T01:00:00Z", null, "jenkins",
                        "rolled back from version 2 to version 1: too slow", "detected"),
                        new IncidentDocument.Step("RESOLVED", "2026-12-07T02:00:00Z", null, "ops",
                                "clean check, as the on-call read it", "resolved-by-hand"),
                        new IncidentDocument.Step("RESOLVED", "2026-12-07T03:00:00Z", null, "ops", "",
                                "paged-on-call")));

        IncidentTimeline timeline = IncidentTimeline.of(incident);

        assertThat(timeline.entries()).extracting(IncidentTimeline.Entry::event)
                .containsExactly("detected", "resolved-by-hand", "paged-on-call");
        assertThat(timeline.entries()).extracting(IncidentTimeline.Entry::loop)
                .containsExactly("drift check", "by hand", "other");
        assertThat(timeline.entries()).noneMatch(IncidentTimeline.Entry::guessed);
        assertThat(timeline.toHtml()).doesNotContain("judged from the note");
    }

    @Test
    void shouldLinkEachBuildAndShowTheTimesAndTheBudget() throws IOException {
        IncidentDocument v1 = ReportJson.read(v1Incident(), IncidentDocument.TYPE, "incident.json");
        String check = "https://ci.example/job/drift-check/41/";
        String retrain = "https://ci.example/job/retrain/7/";
        String deploy = "https://ci.example/job/deploy/12/";
        IncidentDocument incident = new IncidentDocument(2, v1.id(), v1.model(), 1, "MITIGATED", "CRITICAL", null, 2,
                List.of(new IncidentDocument.Finding("2026-12-07T01:00:00Z", null, true, 0.58, List.of("Clark_Lake"),
                        "HIGH", check, List.of())),
                List.of(new IncidentDocument.Step("OPEN", "2026-12-07T01:00:00Z", check, "jenkins", "HIGH drift"),
                        new IncidentDocument.Step("RETRAINING", "2026-12-07T01:00:01Z", check, "jenkins",
                                "retrain requested: incident opened"),
                        new IncidentDocument.Step("RETRAINING", "2026-12-07T01:20:00Z", retrain, "jenkins",
                                "verification 1 of 3 failed: failed incident gates: coverage of <Clark_Lake>"),
                        new IncidentDocument.Step("MITIGATED", "2026-12-07T02:30:00Z", deploy, "jenkins",
                                "version 2 deployed with a verified blessing")),
                "2026-12-01T00:00:00Z", "PT145H", "PT1H30M", 1, Boolean.TRUE, v1.id() + ".profile.json",
                List.of("incident coverage: covered"));

        IncidentTimeline timeline = IncidentTimeline.of(incident);

        assertThat(timeline.entries()).extracting(IncidentTimeline.Entry::loop)
                .containsExactly("drift check", "drift check", "retrain", "validation", "deployment");
        assertThat(timeline.entries()).extracting(IncidentTimeline.Entry::event)
                .containsExactly("finding", "detected", "retrain-requested", "retrain-refused", "mitigated");
        assertThat(timeline.entries()).extracting(IncidentTimeline.Entry::job)
                .containsExactly("drift-check", "drift-check", "drift-check", "retrain", "deploy");
        assertThat(timeline.entries().get(4).build()).isEqualTo(12);
        assertThat(timeline.builds()).containsExactly(check, retrain, deploy);
        String html = timeline.toHtml();
        assertThat(html).contains("id=\"incident-chicago-ridership-0001\"", "time to detect 145h",
                "time to mitigate 1h 30m", "automatic retraining stopped",
                "<a href=\"https://ci.example/job/retrain/7/\">retrain #7</a>", "coverage of &lt;Clark_Lake&gt;")
                .doesNotContain("<Clark_Lake>", "<script");
    }
}
