package io.mlstages.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The incident events of the results and of the incident's steps: written when there are some, absent otherwise. */
class IncidentEventTest {
    private static final String ID = "chicago-ridership-0001";

    @Test
    void shouldReadNoEventsFromReportsWrittenBeforeThem() {
        CheckReport check = CheckReport.read(V1Reports.text("check-incident-opened.json"), "check.json");
        ValidationReportDocument validation = ReportJson.read(V1Reports.text("validation-binary.json"),
                ValidationReportDocument.TYPE, "validation.json");
        DeploymentResult deployment = ReportJson.read(V1Reports.text("deploy.json"), DeploymentResult.TYPE,
                "deploy.json");
        IncidentDocument incident = ReportJson.read(V1Reports.text("incident.json"), IncidentDocument.TYPE,
                "incident.json");

        assertThat(check.incidentEvents()).isEmpty();
        assertThat(validation.incidentEvents()).isEmpty();
        assertThat(deployment.incidentEvents()).isEmpty();
        assertThat(incident.steps()).isNotEmpty().extracting(IncidentDocument.Step::event).containsOnlyNulls();
    }

    @Test
    void shouldWriteTheCheckEventsAfterTheEstimateAndReadThemBack() {
        CheckReport v1 = CheckReport.read(V1Reports.text("check-incident-opened.json"), "check.json");
        CheckReport withEvents = new CheckReport(v1.report(), v1.check(), null, List.of(
                new IncidentEvent(ID, IncidentEvent.DETECTED), new IncidentEvent(ID, IncidentEvent.RETRAIN_REQUESTED)));

        String text = ReportJson.toString(withEvents);

        assertThat(text).endsWith("\"incidentEvents\" : [ {\n    \"incident\" : \"" + ID + "\",\n    \"event\" : "
                + "\"detected\"\n  }, {\n    \"incident\" : \"" + ID + "\",\n    \"event\" : \"retrain-requested\"\n  } ]\n}");
        assertThat(CheckReport.read(text, "check.json")).isEqualTo(withEvents);
    }

    @Test
    void shouldReadAKindANewerWriterAddedAndRefuseAnEventWithoutItsIncident() {
        String v1 = V1Reports.text("check-incident-opened.json");
        String newer = v1.substring(0, v1.lastIndexOf('}')) + ", \"incidentEvents\" : [ {\"incident\" : \"" + ID
                + "\", \"event\" : \"paged-on-call\"} ] }";
        String broken = v1.substring(0, v1.lastIndexOf('}')) + ", \"incidentEvents\" : [ {\"event\" : \"detected\"} ] }";
        String nullEntry = v1.substring(0, v1.lastIndexOf('}')) + ", \"incidentEvents\" : [ null ] }";

        assertThat(CheckReport.read(newer, "newer.json").incidentEvents()).containsExactly(
                new IncidentEvent(ID, "paged-on-call"));
        assertThatThrownBy(() -> CheckReport.read(broken, "broken.json")).isInstanceOf(ReportFormatException.class)
                .hasMessageContaining("broken.json").hasMessageContaining("incident events");
        assertThatThrownBy(() -> CheckReport.read(nullEntry, "null.json")).isInstanceOf(ReportFormatException.class)
                .hasMessageContaining("null.json: malformed incident events");
    }

    @Test
    void shouldWriteAStepsEventOnlyWhenItHasOne() {
        IncidentDocument v1 = ReportJson.read(V1Reports.text("incident.json"), IncidentDocument.TYPE, "incident.json");
        IncidentDocument.Step old = v1.steps().get(0);
        IncidentDocument.Step withEvent = new IncidentDocument.Step(old.stage(), old.at(), old.buildUrl(), old.user(),
                old.note(), IncidentEvent.DETECTED);
        IncidentDocument document = new IncidentDocument(v1.formatVersion(), v1.id(), v1.model(), v1.modelVersion(),
                v1.stage(), v1.severity(), v1.lastRetrainRequest(), v1.mitigatedBy(), v1.findings(),
                List.of(withEvent, v1.steps().get(1)));

        String text = ReportJson.toString(document);

        assertThat(text).containsOnlyOnce("\"event\" : \"detected\"");
        assertThat(ReportJson.read(text, IncidentDocument.TYPE, "incident.json").steps())
                .extracting(IncidentDocument.Step::event).containsExactly("detected", null);
    }
}
