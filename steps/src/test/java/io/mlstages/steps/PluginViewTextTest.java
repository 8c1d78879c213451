package io.mlstages.steps;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jelly trims the whitespace at the start and at the end of a tag's body, and drops whitespace-only text between two
 * tags, before it renders anything; so a space that separates words there vanishes ({@code production(was v1)},
 * {@code ridershipversion 1} on the build page, seen in a real Jenkins). A space that matters in those places must be
 * an expression, {@code ${' '}}. This test finds, in every Jelly file of the plugin, text that starts or ends a tag's
 * body with a space or tab next to words, and a bare space or tab between two tags on one line: what an author writes
 * only when they mean the space. (A body that starts with a line break is indentation, which Jelly may drop.)
 */
class PluginViewTextTest {
    @Test
    void shouldWriteEverySpaceThatJellyWouldTrimAsAnExpression() throws Exception {
        Path resources = PluginSources.pluginDir().resolve("src/main/resources");
        List<Path> views;
        try (Stream<Path> files = Files.walk(resources)) {
            views = files.filter(p -> p.toString().endsWith(".jelly")).sorted().toList();
        }
        assertThat(views).as("Jelly files under " + resources).hasSizeGreaterThan(5);

        List<String> problems = new ArrayList<>();
        for (Path view : views) {
            problems.addAll(lint(Files.readString(view, StandardCharsets.UTF_8), resources.relativize(view).toString()));
        }

        assertThat(problems).isEmpty();
    }

    @Test
    void shouldFindTheSpacesJellyDroppedOnTheBuildPage() throws Exception {
        // the five places of the first run in a real Jenkins, as they were written
        String before = """
                <j:jelly xmlns:j="jelly:core">
                  <li>Deployed <code>${it.alias}</code>
                    <j:choose>
                      <j:when test="${it.previousVersion != null}"> (was v${it.previousVersion})</j:when>
                      <j:otherwise> (its first version there)</j:otherwise>
                    </j:choose>
                    <j:if test="${!empty(metric.difference())}"> (${metric.difference()})</j:if>
                    <strong>Deployment of ${it.model}<j:if test="${it.version != null}"> v${it.version}</j:if> failed</strong>
                    <j:if test="${it.model != null}">; model ${it.model}<j:if test="${v != null}"> version ${v}</j:if></j:if>
                    <code>a</code> <code>b</code>
                    <j:if test="${x}">trailing </j:if>
                  </li>
                </j:jelly>
                """;
        String after = """
                <j:jelly xmlns:j="jelly:core">
                  <li>Deployed <code>${it.alias}</code>
                    <j:choose>
                      <j:when test="${it.previousVersion != null}">${' '}(was v${it.previousVersion})</j:when>
                    </j:choose>
                    <strong>Deployment of ${it.model}<j:if test="${it.version != null}">${' '}v${it.version}</j:if> failed</strong>
                    <j:if test="${x}">
                      indented text
                    </j:if>
                  </li>
                </j:jelly>
                """;

        List<String> problems = lint(before, "before.jelly");

        assertThat(problems).hasSize(7);
        assertThat(problems.get(0)).contains("before.jelly", "starts", "(was v${it.previousVersion})");
        assertThat(String.join("\n", problems)).contains("(its first version there)", "(${metric.difference()})",
                "v${it.version}", "version ${v}", "between two tags", "ends", "trailing");
        assertThat(lint(after, "after.jelly")).isEmpty();
    }

    /** The places of one Jelly file where a meant space is trimmed away. */
    static List<String> lint(final String jelly, final String name)
            throws ParserConfigurationException, IOException, SAXException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element root = factory.newDocumentBuilder().parse(new InputSource(new StringReader(jelly))).getDocumentElement();
        List<String> problems = new ArrayList<>();
        walk(root, name, problems);
        return problems;
    }

    private static void walk(final Element element, final String name, final List<String> problems) {
        NodeList children = element.getChildNodes();
        int count = children.getLength();
        for (int i = 0; i < count; i++) {
            Node child = children.item(i);
            if (child.getNodeType() == Node.ELEMENT_NODE) {
                walk((Element) child, name, problems);
                continue;
            }
            if (child.getNodeType() != Node.TEXT_NODE) {
                continue;
            }
            String text = child.getNodeValue();
            String where = name + ": <" + element.getTagName() + "> ";
            boolean first = i == 0;
            boolean last = i == count - 1;
            if (text.isBlank()) {
                if (!first && !last && text.matches("[ \\t]+")
                        && children.item(i - 1).getNodeType() == Node.ELEMENT_NODE
                        && children.item(i + 1).getNodeType() == Node.ELEMENT_NODE) {
                    problems.add(where + "has a space between two tags, which Jelly drops: write ${' '} after <"
                            + ((Element) children.item(i - 1)).getTagName() + ">");
                }
                continue;
            }
            if (first && text.matches("(?s)[ \\t]+\\S.*")) {
                problems.add(where + "starts with a space that Jelly trims: '" + text.strip() + "' (write ${' '})");
            }
            if (last && text.matches("(?s).*\\S[ \\t]+")) {
                problems.add(where + "ends with a space that Jelly trims: '" + text.strip() + "' (write ${' '})");
            }
        }
    }
}
