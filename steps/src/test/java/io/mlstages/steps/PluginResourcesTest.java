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
 * JavaScript or inline style (Jenkins may enforce a Content-Security-Policy); every step and the build step are served
 * a {@code config.jelly} and a {@code help-<field>.html} for each parameter of {@link StepCatalog} (their text is
 * generated from it: {@link GeneratedPluginSourcesTest}).
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
    void shouldServeEveryStepAFormAndAHelpFilePerParameter() throws ReflectiveOperationException {
        // the contents are the generator's (GeneratedPluginSourcesTest); this checks that each class finds them
        Map<String, Class<?>> described = sources.describedClasses();

        assertThat(described).isNotEmpty();
        for (Map.Entry<String, Class<?>> step : described.entrySet()) {
            Path folder = sources.resourceFolder(formClass(step.getValue()));
            assertThat(folder.resolve("config.jelly")).as(step.getKey() + " config view").isRegularFile();
            assertThat(StepCatalog.step(step.getKey()).names()).allSatisfy(name -> assertThat(
                    folder.resolve("help-" + name + ".html")).as(step.getKey() + " help of " + name).isRegularFile());
        }
    }

    @Test
    void shouldServeTheBuildStepCheckDriftsFormAndRedirectItsHelpThere() throws Exception {
        Class<?> builder = sources.describedClasses().get(StepCatalog.DRIFT_CHECK_BUILDER);
        Class<?> step = sources.describedClasses().get(StepCatalog.CHECK_DRIFT);

        assertThat(formClass(builder)).isEqualTo(step);
        assertThat(sources.resourceFolder(builder).resolve("config.jelly")).doesNotExist();
        // addHelpFileRedirect runs in the descriptor's constructor, which needs Jenkins: read what it is given
        String source = read(sources.pluginDir.resolve("src/main/java/" + builder.getName().replace('.', '/')
                + ".java"));
        assertThat(source).contains("StepCatalog.step(StepCatalog.DRIFT_CHECK_BUILDER).names()")
                .contains("addHelpFileRedirect(name, CheckDriftStep.class, name);");
    }

    /**
     * The class whose {@code config.jelly} a step's descriptor serves: its {@code getConfigPage()} when the
     * descriptor overrides it (called on an instance allocated without a constructor: the stubs' constructors
     * throw), else the step's own class.
     */
    private static Class<?> formClass(final Class<?> type) throws ReflectiveOperationException {
        for (Class<?> nested : type.getDeclaredClasses()) {
            try {
                java.lang.reflect.Method page = nested.getDeclaredMethod("getConfigPage");
                Class<?> unsafeType = Class.forName("sun.misc.Unsafe");
                java.lang.reflect.Field theUnsafe = unsafeType.getDeclaredField("theUnsafe");
                theUnsafe.setAccessible(true);
                Object descriptor = unsafeType.getMethod("allocateInstance", Class.class)
                        .invoke(theUnsafe.get(null), nested);
                String path = (String) page.invoke(descriptor);
                assertThat(path).as(nested.getName() + ".getConfigPage()").startsWith("/").endsWith("/config.jelly");
                String className = path.substring(1, path.length() - "/config.jelly".length()).replace('/', '.');
                return Class.forName(className, false, sources.classLoader());
            }
            catch (NoSuchMethodException e) {
                // this nested class keeps the default page
            }
        }
        return type;
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
