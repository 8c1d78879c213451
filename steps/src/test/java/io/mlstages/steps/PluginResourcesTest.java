package io.mlstages.steps;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * The plugin's views and help files: every Jelly view escapes by default, is well-formed XML and carries no inline
 * JavaScript or inline style (Jenkins may enforce a Content-Security-Policy); every step and the build step have a
 * {@code config.jelly} and a {@code help-<field>.html} for each parameter of {@link StepCatalog}, which says the
 * catalog's help sentence (so the UI cannot drift from the one parameter list).
 */
class PluginResourcesTest {
    private static final String ESCAPE_BY_DEFAULT = "<?jelly escape-by-default='true'?>";
    private static final Pattern ENTITY = Pattern.compile("&(#x?[0-9a-fA-F]+|[a-zA-Z]+);");

    private static PluginSources sources;

    @BeforeAll
    static void compile() {
        sources = PluginSources.compile();
    }

    @Test
    void shouldEscapeByDefaultInEveryJellyView() {
        List<Path> views = jellyFiles();

        assertThat(views).as("Jelly views of " + sources.pluginDir).isNotEmpty();
        assertSoftly(softly -> views.forEach(view -> softly.assertThat(read(view).stripLeading())
                .as(view + " starts with " + ESCAPE_BY_DEFAULT).startsWith(ESCAPE_BY_DEFAULT)));
    }

    @Test
    void shouldKeepEveryJellyViewWellFormedWithoutInlineScriptOrStyle() {
        List<Path> views = jellyFiles();

        assertThat(views).isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (Path view : views) {
            String text = read(view);
            if (text.toLowerCase(Locale.ROOT).contains("<script")) {
                problems.add(view + ": a <script> element (scripts belong in adjuncts)");
            }
            try {
                Document document = parser().parse(view.toFile());
                collectInlineAttributes(document.getDocumentElement(), view, problems);
            }
            catch (SAXException | IOException e) {
                problems.add(view + " is not well-formed XML: " + e.getMessage());
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void shouldHaveAConfigViewAndAHelpFileSayingTheCatalogsHelpForEveryParameter() {
        Map<String, Class<?>> described = sources.describedClasses();

        assertThat(described).isNotEmpty();
        assertSoftly(softly -> described.forEach((name, type) -> {
            Path folder = sources.resourceFolder(type);
            softly.assertThat(folder.resolve("config.jelly")).as(name + " config view").isRegularFile();
            for (Parameter parameter : StepCatalog.step(name).parameters()) {
                Path help = folder.resolve("help-" + parameter.name() + ".html");
                softly.assertThat(help).as(name + " help of " + parameter.name()).isRegularFile();
                if (Files.isRegularFile(help)) {
                    softly.assertThat(text(read(help))).as(help + " text").contains(normalise(parameter.help()));
                }
            }
        }));
    }

    @Test
    void shouldOfferEveryCatalogParameterAndNoOtherInTheConfigForm() {
        Map<String, Class<?>> described = sources.describedClasses();

        assertThat(described).isNotEmpty();
        assertSoftly(softly -> described.forEach((name, type) -> {
            Path config = sources.resourceFolder(type).resolve("config.jelly");
            if (!Files.isRegularFile(config)) {
                return; // reported by the test above
            }
            List<String> fields = new ArrayList<>();
            try {
                collectFields(parser().parse(config.toFile()).getDocumentElement(), fields);
            }
            catch (SAXException | IOException e) {
                softly.fail(config + " is not well-formed XML: " + e.getMessage());
                return;
            }
            softly.assertThat(fields).as(config + " form fields").doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(StepCatalog.step(name).names());
        }));
    }

    @Test
    void shouldReadTheTextOfAHelpFileWithoutTagsOrEntities() {
        assertThat(text("<div>\n  Bounds, e.g. <code>'auc=0.9'</code> &amp;\n <b>more</b>&#8230; &#x2019;</div>"))
                .isEqualTo("Bounds, e.g. 'auc=0.9' & more\u2026 \u2019");
    }

    /** Attributes named on… (event handlers) and style attributes, anywhere under the element. */
    private static void collectInlineAttributes(final Element element, final Path view, final List<String> problems) {
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            String name = attributes.item(i).getNodeName().toLowerCase(Locale.ROOT);
            String local = name.contains(":") ? name.substring(name.indexOf(':') + 1) : name;
            if (local.startsWith("on") || local.equals("style")) {
                problems.add(view + ": <" + element.getTagName() + " " + name + "=...> (inline handlers and styles "
                        + "break under a Content-Security-Policy)");
            }
        }
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i).getNodeType() == Node.ELEMENT_NODE) {
                collectInlineAttributes((Element) children.item(i), view, problems);
            }
        }
    }

    /** The {@code field} attributes of the form's entries ({@code <f:entry field="...">}), in document order. */
    private static void collectFields(final Element element, final List<String> fields) {
        if (element.getLocalName() != null && element.getLocalName().equals("entry") && element.hasAttribute("field")) {
            fields.add(element.getAttribute("field"));
        }
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i).getNodeType() == Node.ELEMENT_NODE) {
                collectFields((Element) children.item(i), fields);
            }
        }
    }

    private static DocumentBuilder parser() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            // the views are our own files, but a parser that never fetches anything is the only kind to have
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            return builder;
        }
        catch (ParserConfigurationException e) {
            throw new IllegalStateException("No safe XML parser", e);
        }
    }

    /** The text a reader sees: tags dropped, entities decoded, whitespace runs as one space. */
    static String text(final String html) {
        String noTags = html.replaceAll("(?s)<!--.*?-->", " ").replaceAll("(?s)<[^>]*>", "");
        Matcher m = ENTITY.matcher(noTags);
        StringBuilder decoded = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(decoded, Matcher.quoteReplacement(entity(m.group(1), m.group())));
        }
        m.appendTail(decoded);
        return normalise(decoded.toString());
    }

    private static String entity(final String name, final String whole) {
        if (name.startsWith("#x") || name.startsWith("#X")) {
            return Character.toString(Integer.parseInt(name.substring(2), 16));
        }
        if (name.startsWith("#")) {
            return Character.toString(Integer.parseInt(name.substring(1)));
        }
        return switch (name) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            case "nbsp" -> " ";
            default -> whole;
        };
    }

    private static String normalise(final String text) {
        return text.replace('\u00a0', ' ').replaceAll("\\s+", " ").strip();
    }

    private static List<Path> jellyFiles() {
        Path resources = sources.pluginDir.resolve("src/main/resources");
        if (!Files.isDirectory(resources)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(resources)) {
            return files.filter(p -> p.toString().endsWith(".jelly")).sorted().toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + resources, e);
        }
    }

    private static String read(final Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
