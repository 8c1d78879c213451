package io.mlstages.report;

import io.mlstages.MlStagesException;
import io.mlstages.drift.ColumnDrift;
import io.mlstages.drift.DriftReport;
import io.mlstages.io.AtomicFiles;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The JUnit XML form of a {@link DriftReport}: one test suite, one test case per column, a failure where the
 * column drifted. Jenkins' JUnit publisher then shows drift in the build's test results and their trend.
 *
 * <p>Test cases are named after the column and grouped by role ({@code drift.feature}, {@code drift.target},
 * {@code drift.prediction}) as the class name, so that a column keeps its history across builds.</p>
 */
public final class DriftJUnit {
    private DriftJUnit() {
    }

    /** The XML text. Column names and notes are data: the XML writer escapes them. */
    public static String toXml(final DriftReport report) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", "mlstages.drift");
            xml.writeAttribute("tests", Integer.toString(report.columns().size()));
            xml.writeAttribute("failures", Integer.toString(report.drifted().size()));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", "0");
            xml.writeCharacters("\n");
            writeProperties(xml, report);
            for (ColumnDrift column : report.columns()) {
                xml.writeCharacters("  ");
                xml.writeStartElement("testcase");
                xml.writeAttribute("classname", "drift." + column.role().name().toLowerCase(Locale.ROOT));
                xml.writeAttribute("name", xmlSafe(column.name()));
                xml.writeAttribute("time", "0");
                if (column.drift()) {
                    xml.writeStartElement("failure");
                    xml.writeAttribute("type", "drift");
                    xml.writeAttribute("message", xmlSafe(DriftTable.verdict(column)));
                    xml.writeCharacters(xmlSafe(DriftTable.details(column)));
                    xml.writeEndElement();
                }
                else {
                    xml.writeStartElement("system-out");
                    xml.writeCharacters(xmlSafe(DriftTable.details(column)));
                    xml.writeEndElement();
                }
                xml.writeEndElement();
                xml.writeCharacters("\n");
            }
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        }
        catch (XMLStreamException e) {
            throw new MlStagesException("Cannot write the drift report as JUnit XML: " + e.getMessage(), e);
        }
        return text.toString();
    }

    /** Writes the XML to a file atomically. */
    public static void write(final DriftReport report, final Path file) {
        AtomicFiles.write(file, toXml(report));
    }

    private static void writeProperties(final XMLStreamWriter xml, final DriftReport report)
            throws XMLStreamException {
        xml.writeCharacters("  ");
        xml.writeStartElement("properties");
        property(xml, "reference", report.reference());
        property(xml, "current", report.current());
        property(xml, "datasetDrift", Boolean.toString(report.datasetDrift()));
        property(xml, "driftShare", DriftTable.format(report.driftShare()));
        property(xml, "driftShareThreshold", DriftTable.format(report.driftShareThreshold()));
        xml.writeEndElement();
        xml.writeCharacters("\n");
    }

    private static void property(final XMLStreamWriter xml, final String name, final String value)
            throws XMLStreamException {
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", value == null ? "" : xmlSafe(value));
    }

    /**
     * XML 1.0 cannot carry most control characters even escaped, and a column name from data may hold them:
     * they become U+FFFD so that the file stays well-formed.
     */
    static String xmlSafe(final String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF
                    || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000 && c <= 0x10FFFF;
            out.appendCodePoint(allowed ? c : 0xFFFD);
        });
        return out.toString();
    }
}
