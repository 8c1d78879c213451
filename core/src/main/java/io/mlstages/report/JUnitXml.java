package io.mlstages.report;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.MlStagesException;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * One JUnit XML test suite, the form Jenkins' JUnit publisher reads: the drift and validation reports both
 * describe themselves as suites of cases and leave the XML to this class.
 */
final class JUnitXml {
    private JUnitXml() {
    }

    /**
     * A test case.
     *
     * @param className   the group Jenkins files the case under
     * @param name        the case's name (data: escaped and cleaned here)
     * @param failureType null for a passing case, else the failure's type
     * @param message     the failure's one-line message (ignored when the case passed)
     * @param details     every figure of the case: the failure's text, or the passing case's system-out
     */
    record Case(String className, String name, @CheckForNull String failureType, String message, String details) {
    }

    /** The suite's XML; the XML writer escapes every string, and {@link #xmlSafe} removes what XML cannot hold. */
    static String suite(final String name, final Map<String, String> properties, final List<Case> cases,
            final String what) {
        StringWriter text = new StringWriter();
        try {
            // the JDK's own writer, not whichever StAX provider the class path holds (a test server brings
            // Woodstox, which escapes less): the same report gives the same bytes everywhere
            XMLStreamWriter xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", name);
            xml.writeAttribute("tests", Integer.toString(cases.size()));
            xml.writeAttribute("failures", Long.toString(cases.stream().filter(c -> c.failureType() != null).count()));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", "0");
            xml.writeCharacters("\n  ");
            xml.writeStartElement("properties");
            for (Map.Entry<String, String> property : properties.entrySet()) {
                xml.writeEmptyElement("property");
                xml.writeAttribute("name", xmlSafe(property.getKey()));
                xml.writeAttribute("value", property.getValue() == null ? "" : xmlSafe(property.getValue()));
            }
            xml.writeEndElement();
            xml.writeCharacters("\n");
            for (Case one : cases) {
                xml.writeCharacters("  ");
                xml.writeStartElement("testcase");
                xml.writeAttribute("classname", one.className());
                xml.writeAttribute("name", xmlSafe(one.name()));
                xml.writeAttribute("time", "0");
                if (one.failureType() != null) {
                    xml.writeStartElement("failure");
                    xml.writeAttribute("type", one.failureType());
                    xml.writeAttribute("message", xmlSafe(one.message()));
                }
                else {
                    xml.writeStartElement("system-out");
                }
                xml.writeCharacters(xmlSafe(one.details()));
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
            throw new MlStagesException("Cannot write the " + what + " as JUnit XML: " + e.getMessage(), e);
        }
        return text.toString();
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
