package io.mlstages.report;

import io.mlstages.TestData;
import io.mlstages.drift.DriftCheck;
import io.mlstages.drift.DriftOptions;
import io.mlstages.drift.DriftReport;
import io.mlstages.drift.SegmentDrift;
import io.mlstages.drift.SegmentOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The segments in every report form, from a real check whose segment value is hostile: markup, control characters
 * and 5,000 characters, in the German credit data's housing column (both splits), the current split's segment
 * drifted.
 */
class SegmentReportsTest {
    private static final String HOSTILE = "<img src=x onerror=alert(1)>\u0001\u001b[31m" + "A".repeat(5000);

    @TempDir
    static Path temp;

    private static DriftReport report;

    @BeforeAll
    static void check() throws IOException {
        Path reference = hostile(TestData.dataset("german-credit-train.csv"), "train.csv", false);
        Path current = hostile(TestData.dataset("german-credit-test.csv"), "test.csv", true);
        DriftOptions options = DriftOptions.defaults().withColumns(List.of("duration", "credit_amount", "age"))
                .withSegments(SegmentOptions.of(List.of("housing")));
        report = DriftCheck.run(new DriftCheck.Request(reference, List.of(current), options, null, null, null))
                .report();
    }

    /** The file with "rent" replaced by the hostile value, its rows' durations doubled when {@code shift}. */
    private static Path hostile(final Path source, final String name, final boolean shift) throws IOException {
        List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).split(","));
        int housing = header.indexOf("housing");
        int duration = header.indexOf("duration");
        int amount = header.indexOf("credit_amount");
        List<String> out = new ArrayList<>(List.of(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            String[] row = line.split(",", -1);
            if (row[housing].equals("rent")) {
                row[housing] = HOSTILE;
                if (shift) {
                    row[duration] = Integer.toString(Integer.parseInt(row[duration]) * 3);
                    row[amount] = Integer.toString(Integer.parseInt(row[amount]) * 3);
                }
            }
            out.add(String.join(",", row));
        }
        Path file = temp.resolve(name);
        Files.write(file, out, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void shouldNameTheHostileSegmentFirstAndKeepItsValueWholeInTheJson() {
        SegmentDrift first = report.segments().get(0);
        assertThat(first.value()).isEqualTo(HOSTILE);
        assertThat(first.datasetDrift()).isTrue();

        DriftReport again = DriftReportJson.fromJson(DriftReportJson.toJson(report), "again");

        assertThat(again.segments()).isEqualTo(report.segments());
        assertThat(DriftReportJson.toJson(report).get("driftedSegments").asInt()).isEqualTo(1);
        assertThat(DriftReportJson.toJson(report).get("segments").get(0).get("driftedColumns"))
                .extracting(node -> node.asText()).contains("duration", "credit_amount");
    }

    @Test
    void shouldEscapeAndBoundTheValueInTheHtmlTable() {
        String html = DriftHtml.toHtml(report, null, null, null);
        String table = html.substring(html.indexOf("<table id=\"segments\">"), html.indexOf("</table>",
                html.indexOf("<table id=\"segments\">")));

        assertThat(html).doesNotContain("<img").doesNotContain("\u0001").doesNotContain("\u001b");
        assertThat(table).contains("housing=&lt;img src=x onerror=alert(1)&gt;\\u0001\\u001b[31m")
                .contains("(" + HOSTILE.length() + " characters)").doesNotContain("A".repeat(100));
        // worst first: the drifted segment's row comes before the clean one
        assertThat(table.indexOf("<strong>DRIFT</strong>")).isLessThan(table.indexOf("housing=own"));
    }

    @Test
    void shouldWriteACasePerSegmentAndColumnAsValidXml() throws Exception {
        String xml = DriftJUnit.toXml(report);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(
                xml.getBytes(StandardCharsets.UTF_8)));

        NodeList cases = document.getElementsByTagName("testcase");
        List<String> segmentCases = new ArrayList<>();
        List<String> columnCases = new ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element one = (Element) cases.item(i);
            String className = one.getAttribute("classname");
            assertThat(one.getAttribute("name") + className).doesNotContain("\u0001").hasSizeLessThan(300);
            if (className.equals("drift.segment")) {
                segmentCases.add(one.getAttribute("name"));
            } else if (className.startsWith("drift.segment.")) {
                columnCases.add(className + "/" + one.getAttribute("name"));
            }
        }
        // three segments (the hostile one, own, for free), and the columns of the two compared
        assertThat(segmentCases).hasSize(3);
        assertThat(segmentCases.get(0)).startsWith("housing=<img src=x onerror=alert(1)>\\u0001");
        assertThat(columnCases).hasSize(6).anyMatch(c -> c.endsWith("=own/credit_amount"));
        Element first = (Element) cases.item(cases.getLength() - columnCases.size() - segmentCases.size());
        assertThat(first.getElementsByTagName("failure").getLength()).isEqualTo(1);
    }

    @Test
    void shouldPrintTheSegmentsBoundedOnOneLineEach() {
        String text = DriftTable.toText(report);
        String segments = text.substring(text.indexOf("Segments (worst first): 1 of 3 drifted"));

        assertThat(segments).doesNotContain("\u0001").doesNotContain("\u001b");
        assertThat(segments.lines().skip(1).toList()).hasSize(3).allSatisfy(line -> assertThat(line)
                .hasSizeLessThan(300));
        assertThat(segments.lines().skip(1).findFirst().orElseThrow()).startsWith("  DRIFT  housing=<img");
    }
}
