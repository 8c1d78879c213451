package io.mlstages.steps;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build and job views of the plugin ({@code index.jelly}, {@code summary.jelly}, {@code floatingBox.jelly}, not the
 * forms) read the plugin's objects through JEXL, which renders a misspelt property as nothing, silently. This test
 * resolves every expression chain that starts at a variable of known type ({@code it}, {@code from}, and the variables
 * that {@code <j:set>} and {@code <j:forEach>} declare from them) against the compiled plugin and steps classes the
 * way JEXL does: {@code x.name} is a public getter {@code getName()} (or {@code isName()} returning a primitive
 * {@code boolean}) or public field, {@code x.name()}
 * a public method without parameters, and the class declaring it must be public (JEXL's introspection only sees
 * public classes). Jenkins types are only signature stubs here, so a chain stops being checked where it enters one.
 */
class PluginViewExpressionsTest {
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern CHAIN = Pattern.compile("(?<![\\w.])([A-Za-z_]\\w*)((?:\\.[A-Za-z_]\\w*(?:\\(\\))?)+)");
    private static final Pattern STEP = Pattern.compile("\\.([A-Za-z_]\\w*)(\\(\\))?");
    private static final Pattern SINGLE_CHAIN = Pattern.compile("\\s*[A-Za-z_]\\w*(?:\\.[A-Za-z_]\\w*(?:\\(\\))?)*\\s*");

    private static PluginSources sources;

    @BeforeAll
    static void compile() {
        sources = PluginSources.compile();
    }

    @Test
    void shouldResolveEveryExpressionOfTheBuildAndJobViewsAgainstThePluginClasses() throws Exception {
        Path resources = sources.pluginDir.resolve("src/main/resources");
        List<Path> views;
        try (Stream<Path> files = Files.walk(resources)) {
            views = files.filter(p -> p.getFileName().toString().matches("index\\.jelly|summary\\.jelly|floatingBox\\.jelly"))
                    .filter(p -> !p.getParent().equals(resources)).sorted().toList();
        }
        assertThat(views).as("build and job views under " + resources).isNotEmpty();
        // the views of the build page's actions must be among them (a moved folder would silently drop them)
        assertThat(views.stream().map(v -> resources.relativize(v).toString().replace('\\', '/')))
                .contains("io/jenkins/plugins/mlstages/DriftAction/index.jelly",
                        "io/jenkins/plugins/mlstages/DriftAction/summary.jelly",
                        "io/jenkins/plugins/mlstages/DriftTrendAction/floatingBox.jelly",
                        "io/jenkins/plugins/mlstages/IncidentAction/index.jelly",
                        "io/jenkins/plugins/mlstages/IncidentAction/summary.jelly",
                        "io/jenkins/plugins/mlstages/ModelAction/index.jelly",
                        "io/jenkins/plugins/mlstages/ModelAction/summary.jelly");

        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path view : views) {
            String className = resources.relativize(view.getParent()).toString().replace('\\', '/').replace('/', '.');
            Class<?> owner = sources.classLoader().loadClass(className);
            Map<String, Type> scope = new HashMap<>();
            // a build or job view's "it" is the action; a floating box's "from" is the action, "it" the job
            scope.put(view.getFileName().toString().equals("floatingBox.jelly") ? "from" : "it", owner);
            checked += check(Files.readString(view, StandardCharsets.UTF_8), view.toString(), scope, problems);
        }

        assertThat(checked).as("expression steps checked").isPositive();
        assertThat(problems).isEmpty();
    }

    @Test
    void shouldReportAMisspeltPropertyAMissingMethodAndAClassJexlCannotSee() throws Exception {
        String view = """
                <?jelly escape-by-default='true'?>
                <j:jelly xmlns:j="jelly:core">
                  <p>${it.displayName} ${it.dispalyName}</p>
                  <j:set var="view" value="${it.view}"/>
                  <j:forEach var="column" items="${view.columns()}">
                    <td>${column.name()} ${column.name} ${column.nmae()}</td>
                  </j:forEach>
                </j:jelly>
                """;
        Map<String, Type> scope = new HashMap<>();
        scope.put("it", sources.classLoader().loadClass("io.jenkins.plugins.mlstages.DriftAction"));
        List<String> problems = new ArrayList<>();

        check(view, "test.jelly", scope, problems);

        assertThat(problems).hasSize(3);
        assertThat(problems.get(0)).contains("it.dispalyName").contains("DriftAction");
        assertThat(problems.get(1)).contains("column.name").contains("Column");
        assertThat(problems.get(2)).contains("column.nmae()");

        List<String> hidden = new ArrayList<>();
        Map<String, Type> hiddenScope = new HashMap<>();
        hiddenScope.put("it", HiddenView.class);
        check("<p xmlns:j=\"jelly:core\">${it.value}</p>", "hidden.jelly", hiddenScope, hidden);
        assertThat(hidden).singleElement().asString().contains("not public");
    }

    /** Checks a view's expressions, adding a line per unresolvable step; returns how many steps were resolved. */
    private static int check(final String view, final String name, final Map<String, Type> scope,
            final List<String> problems) throws ParserConfigurationException, IOException, SAXException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element root = factory.newDocumentBuilder().parse(new InputSource(new StringReader(view))).getDocumentElement();
        return walk(root, name, new HashMap<>(scope), problems);
    }

    private static int walk(final Node node, final String view, final Map<String, Type> scope, final List<String> problems) {
        int resolved = 0;
        if (node.getNodeType() == Node.TEXT_NODE) {
            return expressions(node.getNodeValue(), view, scope, problems);
        }
        if (node.getNodeType() != Node.ELEMENT_NODE) {
            return 0;
        }
        Element element = (Element) node;
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            resolved += expressions(attributes.item(i).getNodeValue(), view, scope, problems);
        }
        boolean jellyCore = "jelly:core".equals(element.getNamespaceURI());
        Map<String, Type> inner = scope;
        if (jellyCore && "set".equals(element.getLocalName()) && element.hasAttribute("var")) {
            // j:set declares the variable for the rest of the enclosing scope
            scope.put(element.getAttribute("var"), typeOf(element.getAttribute("value"), scope));
        }
        else if (jellyCore && "forEach".equals(element.getLocalName()) && element.hasAttribute("var")) {
            inner = new HashMap<>(scope);
            inner.put(element.getAttribute("var"), elementType(typeOf(element.getAttribute("items"), scope)));
            if (element.hasAttribute("varStatus")) {
                inner.put(element.getAttribute("varStatus"), null);
            }
        }
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            resolved += walk(children.item(i), view, inner, problems);
        }
        return resolved;
    }

    private static int expressions(final String text, final String view, final Map<String, Type> scope,
            final List<String> problems) {
        int resolved = 0;
        Matcher expression = EXPRESSION.matcher(text);
        while (expression.find()) {
            Matcher chain = CHAIN.matcher(expression.group(1));
            while (chain.find()) {
                Type type = scope.get(chain.group(1));
                if (type == null) {
                    continue; // a Jenkins variable (rootURL, h, app, attrs) or a loop status: not ours to check
                }
                StringBuilder path = new StringBuilder(chain.group(1));
                Matcher step = STEP.matcher(chain.group(2));
                while (step.find() && type != null && checked(type)) {
                    path.append(step.group());
                    Type next = member(type, step.group(1), step.group(2) != null);
                    if (next == null) {
                        problems.add(view + ": ${" + path + "}: " + raw(type).getName() + " has no public "
                                + (step.group(2) != null ? "method " + step.group(1) + "()" : "property " + step.group(1)));
                        break;
                    }
                    if (!visible(raw(type))) {
                        problems.add(view + ": ${" + path + "}: " + raw(type).getName()
                                + " is not public, so JEXL cannot call its members");
                        break;
                    }
                    resolved++;
                    type = next;
                }
            }
        }
        return resolved;
    }

    /** The type of a {@code ${chain}} value, or null when it is not one chain of known type. */
    private static Type typeOf(final String value, final Map<String, Type> scope) {
        Matcher expression = EXPRESSION.matcher(value.trim());
        if (!expression.matches() || !SINGLE_CHAIN.matcher(expression.group(1)).matches()) {
            return null;
        }
        String chain = expression.group(1).trim();
        int dot = chain.indexOf('.');
        Type type = scope.get(dot < 0 ? chain : chain.substring(0, dot));
        Matcher step = STEP.matcher(dot < 0 ? "" : chain.substring(dot));
        while (step.find()) {
            if (type == null || !checked(type)) {
                return null;
            }
            type = member(type, step.group(1), step.group(2) != null);
        }
        return type;
    }

    /** The generic type of a method call or property, or null when there is none. */
    private static Type member(final Type owner, final String name, final boolean call) {
        Class<?> type = raw(owner);
        if (call) {
            for (Method method : type.getMethods()) {
                if (method.getName().equals(name) && method.getParameterCount() == 0) {
                    return method.getGenericReturnType();
                }
            }
            return null;
        }
        String suffix = name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
        for (Method method : type.getMethods()) {
            if (method.getParameterCount() == 0 && !Modifier.isStatic(method.getModifiers())
                    && (method.getName().equals("get" + suffix) || method.getName().equals("is" + suffix)
                    && method.getReturnType() == boolean.class)) {
                return method.getGenericReturnType();
            }
        }
        for (Field field : type.getFields()) {
            if (field.getName().equals(name)) {
                return field.getGenericType();
            }
        }
        return null;
    }

    private static Type elementType(final Type iterable) {
        if (iterable instanceof ParameterizedType parameterized && Iterable.class.isAssignableFrom(raw(parameterized))) {
            return parameterized.getActualTypeArguments()[0];
        }
        if (iterable instanceof GenericArrayType array) {
            return array.getGenericComponentType();
        }
        if (iterable instanceof Class<?> type && type.isArray()) {
            return type.getComponentType();
        }
        return null;
    }

    /** Only the plugin's and the steps module's classes are checked: Jenkins types are stubs, JDK types obvious. */
    private static boolean checked(final Type type) {
        Class<?> raw = raw(type);
        return raw != null && (raw.getName().startsWith("io.jenkins.plugins.mlstages.")
                || raw.getName().startsWith("io.mlstages.steps."));
    }

    private static boolean visible(final Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (!Modifier.isPublic(c.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static Class<?> raw(final Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        return null;
    }

    /** A package-private class: JEXL cannot call its public getter. Named so that {@link #checked} covers it. */
    static final class HiddenView {
        public String getValue() {
            throw new UnsupportedOperationException("never called");
        }
    }
}
