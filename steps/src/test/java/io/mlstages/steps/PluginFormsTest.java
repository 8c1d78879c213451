package io.mlstages.steps;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drift check's forms (the freestyle {@code modelDriftCheck} and the Snippet Generator's {@code checkDrift}) have
 * 44 advanced fields: they come in sections with human titles, not one flat list of titles generated from the
 * parameter names ({@code Sketch k}).
 */
class PluginFormsTest {
    private static final List<String> SECTIONS = List.of("Incidents and retraining", "Profiling a reference dataset",
            "Statistics", "Segments", "Multivariate drift", "Performance without labels", "Reading the data",
            "Build result");

    @Test
    void shouldGroupTheAdvancedFieldsOfTheDriftCheckInSectionsWithHumanTitles() throws Exception {
        // the freestyle build step's descriptor serves CheckDriftStep's form (PluginResourcesTest checks that)
        for (String step : List.of("CheckDriftStep")) {
            Path config = PluginSources.pluginDir()
                    .resolve("src/main/resources/io/jenkins/plugins/mlstages/" + step + "/config.jelly");
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Element root = factory.newDocumentBuilder().parse(config.toFile()).getDocumentElement();
            Map<String, List<String>> sections = new LinkedHashMap<>();
            Map<String, String> titles = new LinkedHashMap<>();
            collect(root, null, sections, titles);

            assertThat(sections.keySet()).as(config + " sections").containsExactlyElementsOf(SECTIONS);
            assertThat(sections.get(null)).as("fields outside a section").isNull();
            assertThat(sections.get("Incidents and retraining")).contains("retrainJob", "coolDown", "webhook");
            assertThat(sections.get("Statistics")).contains("alpha", "driftShare", "method", "fdr", "alarmBudget");
            assertThat(sections.get("Segments")).containsExactly("segments", "maxSegments", "minSegmentRows");
            assertThat(sections.get("Performance without labels")).containsExactly("referenceLabelled", "minEstimated",
                    "estimateLevel", "estimateResamples");
            // "Retrain job" reads well as generated; every other title says more than its parameter's name
            titles.forEach((field, title) -> {
                assertThat(title).as(config + ": " + field + " title is localizable").matches("\\$\\{%[^()]+}");
                if (!field.equals("retrainJob")) {
                    assertThat(title).as(config + ": " + field + " title is not generated from its name")
                            .isNotEqualTo("${%" + generated(field) + "}");
                }
            });
            assertThat(titles).containsEntry("sketchK", "${%Quantile sketch size k}")
                    .containsEntry("onBadRows", "${%Malformed rows}")
                    .containsEntry("multivariate", "${%Multivariate check by a domain classifier}").hasSize(48);
        }
    }

    private static void collect(final Element element, final String section, final Map<String, List<String>> sections,
            final Map<String, String> titles) {
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i).getNodeType() != Node.ELEMENT_NODE) {
                continue;
            }
            Element child = (Element) children.item(i);
            String name = child.getLocalName();
            if ("section".equals(name)) {
                String title = child.getAttribute("title").replaceAll("^\\$\\{%|}$", "");
                sections.put(title, new ArrayList<>());
                collect(child, title, sections, titles);
            }
            else if ("entry".equals(name)) {
                titles.put(child.getAttribute("field"), child.getAttribute("title"));
                if (section != null || inAdvanced(child)) {
                    sections.computeIfAbsent(section, s -> new ArrayList<>()).add(child.getAttribute("field"));
                }
            }
            else {
                collect(child, section, sections, titles);
            }
        }
    }

    private static boolean inAdvanced(final Element element) {
        for (Node n = element.getParentNode(); n instanceof Element e; n = e.getParentNode()) {
            if ("advanced".equals(e.getLocalName())) {
                return true;
            }
        }
        return false;
    }

    /** The title a generator makes of a parameter name: {@code sketchK} is {@code Sketch k}. */
    private static String generated(final String name) {
        String words = name.replaceAll("([A-Z])", " $1").toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
