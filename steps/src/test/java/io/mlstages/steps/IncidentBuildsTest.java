package io.mlstages.steps;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cross-build timeline's rules that the end-to-end run does not reach: untrusted job names and URLs, results
 * that name no incident, and builds tied by cause to builds that belong to another incident.
 */
class IncidentBuildsTest {
    private static IncidentBuilds.Build build(final String job, final int number, final String url,
            final List<String> upstream, final List<IncidentBuilds.Event> events) {
        return new IncidentBuilds.Build(IncidentBuilds.key(job, number), job, number, url, number * 1000L, upstream,
                events);
    }

    @Test
    void shouldEscapeJobNamesAndLinkOnlyRelativeBuildUrls() {
        String job = "<script>alert(1)</script>";
        IncidentBuilds loop = IncidentBuilds.of("m-0001\"><x", "x#1", List.of(
                build(job, 1, "job/a/1/", List.of(), List.of(new IncidentBuilds.Event("m-0001\"><x", "detected",
                        1000, "checkDrift"))),
                build("evil", 2, "javascript:alert(1)//job/", List.of(job + "#1"), List.of()),
                build("far", 3, "//evil.example/job/x/3/", List.of("evil#2"), List.of())));

        String html = loop.toHtml("\"/ctx");

        assertThat(loop.builds()).hasSize(3);
        assertThat(html).doesNotContain("<script>", "href=\"javascript", "href=\"//", "<x")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; #1", "href=\"&quot;/ctx/job/a/1/\"",
                        "<td>evil #2</td>", "m-0001&quot;&gt;&lt;x");
    }

    @Test
    void shouldKeepOutABuildStartedByOneThatBelongsWhenItsOwnStepsNamedAnotherIncident() {
        IncidentBuilds loop = IncidentBuilds.of("a-0001", "check#1", List.of(
                build("check", 1, "job/check/1/", List.of(), List.of(new IncidentBuilds.Event("a-0001", "detected",
                        1, "checkDrift"))),
                build("retrain", 2, "job/retrain/2/", List.of("check#1"), List.of(new IncidentBuilds.Event("b-0001",
                        "verified", 2, "validateModel"))),
                build("deploy", 3, "job/deploy/3/", List.of("retrain#2"), List.of())));

        assertThat(loop.builds()).extracting(l -> l.build().key()).containsExactly("check#1");
    }

    @Test
    void shouldFindTheRootRelativeToTheBuildPageAndTheActionsPage() {
        assertThat(IncidentBuilds.relativeRoot("job/retrain/7/", 0)).isEqualTo("../../..");
        assertThat(IncidentBuilds.relativeRoot("job/loop/job/retrain/7/", 1)).isEqualTo("../../../../../..");
        assertThat(IncidentBuilds.relativeRoot("", 0)).isEqualTo(".");
    }

    @Test
    void shouldKeepTheRetrainRequestOnlyWhenTheJobStarted() {
        Map<String, Object> claimed = new LinkedHashMap<>();
        claimed.put("incidentId", "m-0001");
        claimed.put("incidentEvents", new ArrayList<>(List.of("detected", "retrain-requested")));
        Map<String, Object> marked = new LinkedHashMap<>();
        marked.put("incidentId", "m-0001");
        marked.put("incidentEvents", new ArrayList<>(List.of("found-again")));
        Map<String, Object> none = new LinkedHashMap<>();
        none.put("incidentId", null);
        none.put("incidentEvents", new ArrayList<>());

        StepResults.retrainRequested(claimed, false);
        StepResults.retrainRequested(marked, true);
        StepResults.retrainRequested(none, true);

        assertThat(claimed.get("incidentEvents")).isEqualTo(List.of("detected"));
        assertThat(marked.get("incidentEvents")).isEqualTo(List.of("found-again", "retrain-requested"));
        assertThat(none.get("incidentEvents")).isEqualTo(List.of());
    }

    @Test
    void shouldTakeNoEventsFromAResultThatNamesNoIncident() {
        Map<String, Object> none = new LinkedHashMap<>();
        none.put("incidentId", null);
        none.put("incidentEvents", new ArrayList<>());
        Map<String, Object> two = new LinkedHashMap<>();
        two.put("incidentId", "m-0001");
        two.put("incidentEvents", new ArrayList<>(List.of("detected", "retrain-requested")));

        assertThat(IncidentBuilds.eventsOf("checkDrift", none, 5)).isEmpty();
        assertThat(IncidentBuilds.eventsOf("trainModel", Map.of("package", "p"), 5)).isEmpty();
        assertThat(IncidentBuilds.eventsOf("checkDrift", two, 5)).containsExactly(
                new IncidentBuilds.Event("m-0001", "detected", 5, "checkDrift"),
                new IncidentBuilds.Event("m-0001", "retrain-requested", 5, "checkDrift"));
    }
}
