package io.mlstages.report;

import io.mlstages.MlStagesException;
import io.mlstages.io.AtomicFiles;
import io.mlstages.validate.GateResult;
import io.mlstages.validate.ValidationReport;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The JUnit XML form of a {@link ValidationReport}: one test suite, one test case per gate, a failure where the
 * gate failed. Gates are grouped by kind as the class name ({@code validation.metric}, {@code validation.baseline},
 * {@code validation.data}) and named after the gate, so that Jenkins keeps each gate's history across builds.
 */
public final class ValidationJUnit {
    private ValidationJUnit() {
    }

    /** The XML text. Gate names and messages carry data (feature names): the XML writer escapes them. */
    public static String toXml(final ValidationReport report) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", "mlstages.validation");
            xml.writeAttribute("tests", Integer.toString(report.gates().size()));
            xml.writeAttribute("failures", Integer.toString(report.failed().size()));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", "0");
            xml.writeCharacters("\n  ");
            xml.writeStartElement("properties");
            property(xml, "model", report.model().name());
            property(xml, "baselineModel", report.baselineModel() == null ? "" : report.baselineModel().name());
            property(xml, "data", report.data());
            property(xml, "dataSha256", report.dataSha256() == null ? "" : report.dataSha256());
            property(xml, "passed", Boolean.toString(report.passed()));
            if (report.metrics() != null) {
                for (Map.Entry<String, Double> metric : report.metrics().metrics().entrySet()) {
                    property(xml, "metric." + metric.getKey(), DriftTable.format(metric.getValue()));
                }
            }
            xml.writeEndElement();
            xml.writeCharacters("\n");
            for (GateResult gate : report.gates()) {
                xml.writeCharacters("  ");
                xml.writeStartElement("testcase");
                xml.writeAttribute("classname", gate.kind().junitClass());
                xml.writeAttribute("name", DriftJUnit.xmlSafe(gate.name()));
                xml.writeAttribute("time", "0");
                xml.writeStartElement(gate.passed() ? "system-out" : "failure");
                if (!gate.passed()) {
                    xml.writeAttribute("type", "validation." + gate.metric());
                    xml.writeAttribute("message", DriftJUnit.xmlSafe(gate.message()));
                }
                xml.writeCharacters(DriftJUnit.xmlSafe(details(gate)));
                xml.writeEndElement();
                xml.writeEndElement();
                xml.writeCharacters("\n");
            }
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        }
        catch (XMLStreamException e) {
            throw new MlStagesException("Cannot write the validation report as JUnit XML: " + e.getMessage(), e);
        }
        return text.toString();
    }

    /** Writes the XML to a file atomically. */
    public static void write(final ValidationReport report, final Path file) {
        AtomicFiles.write(file, toXml(report));
    }

    private static String details(final GateResult gate) {
        return gate.message() + "\nmetric: " + gate.metric() + "\nvalue: " + DriftTable.format(gate.value())
                + "\nbound: " + (gate.bound() == null ? "none" : DriftTable.format(gate.bound()))
                + (gate.baseline() == null ? "" : "\nbaseline: " + DriftTable.format(gate.baseline())) + "\n";
    }

    private static void property(final XMLStreamWriter xml, final String name, final String value)
            throws XMLStreamException {
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", DriftJUnit.xmlSafe(name));
        xml.writeAttribute("value", DriftJUnit.xmlSafe(value));
    }
}
