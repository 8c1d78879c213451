package io.mlstages.steps;

import org.apache.commons.jelly.DynaTag;
import org.apache.commons.jelly.JellyContext;
import org.apache.commons.jelly.JellyException;
import org.apache.commons.jelly.JellyTagException;
import org.apache.commons.jelly.Tag;
import org.apache.commons.jelly.TagLibrary;
import org.apache.commons.jelly.TagSupport;
import org.apache.commons.jelly.XMLOutput;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.AttributesImpl;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The plugin's build-page views rendered by Apache Commons Jelly 1.0 with JEXL 1.1, the lineage of Jenkins' own Jelly:
 * the whitespace trimming and the expression calls are the real ones. Jenkins' tag libraries are stood in for by a
 * tag that keeps the structure and drops the chrome: {@code t:summary} becomes a two-cell table (icon, body) as in
 * core's {@code lib/hudson/summary.jelly}, {@code l:layout} a page with a title and a style sheet, {@code l:main-panel}
 * a {@code div}, {@code st:include} nothing. Stapler's escape-by-default is not applied here (the test data has no
 * markup characters).
 */
final class JellyViews {
    private JellyViews() {
    }

    /**
     * Renders a view with these variables ({@code it}, {@code from}, …).
     *
     * @param view       the Jelly file
     * @param variables  the context's variables
     * @param styleSheet the style sheet a page links, or null
     */
    static String render(final Path view, final Map<String, Object> variables, final String styleSheet)
            throws JellyException, java.io.IOException, SAXException {
        JellyContext context = new JellyContext();
        StandIns standIns = new StandIns(styleSheet);
        context.registerTagLibrary("/lib/hudson", standIns);
        context.registerTagLibrary("/lib/layout", standIns);
        context.registerTagLibrary("jelly:stapler", standIns);
        variables.forEach(context::setVariable);
        StringWriter html = new StringWriter();
        XMLOutput output = XMLOutput.createXMLOutput(html, false);
        context.runScript(view.toFile(), output);
        output.flush();
        return html.toString();
    }

    /** The text a reader sees: tags dropped (block elements as line breaks), whitespace runs as one space per line. */
    static String text(final String html) {
        String blocks = html.replaceAll("\\s+", " ").replaceAll("(?i)</?(li|ul|p|div|tr|table|tbody|thead|h1|h2|html|body|head|title)\\b[^>]*>", "\n")
                .replaceAll("(?i)</?(td|th)\\b[^>]*>", " \t ")
                .replaceAll("<[^>]*>", "").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
        StringBuilder text = new StringBuilder();
        for (String line : blocks.split("\n")) {
            String normal = line.replaceAll("[ \\t\\r]+", " ").strip();
            if (!normal.isEmpty()) {
                text.append(normal).append('\n');
            }
        }
        return text.toString();
    }

    private static final class StandIns extends TagLibrary {
        private final String styleSheet;

        StandIns(final String styleSheet) {
            this.styleSheet = styleSheet;
        }

        @Override
        public Tag createTag(final String name, final Attributes attributes) {
            return new StandIn(name, styleSheet);
        }
    }

    /** One Jenkins tag, reduced to the markup that matters for reading the page. */
    private static final class StandIn extends TagSupport implements DynaTag {
        private final String name;
        private final String styleSheet;
        private final Map<String, Object> attributes = new HashMap<>();

        StandIn(final String name, final String styleSheet) {
            this.name = name;
            this.styleSheet = styleSheet;
        }

        @Override
        public void setAttribute(final String attribute, final Object value) {
            attributes.put(attribute, value);
        }

        @Override
        public Class<?> getAttributeType(final String attribute) {
            return Object.class;
        }

        @Override
        public void doTag(final XMLOutput output) throws JellyTagException {
            try {
                switch (name) {
                    case "summary" -> {
                        output.startElement("table", classes("mlstages-summary-row"));
                        output.startElement("tr");
                        output.startElement("td", classes("icon"));
                        output.write(String.valueOf(attributes.get("icon")));
                        output.endElement("td");
                        output.startElement("td");
                        invokeBody(output);
                        output.endElement("td");
                        output.endElement("tr");
                        output.endElement("table");
                    }
                    case "layout" -> {
                        output.startElement("html");
                        output.startElement("head");
                        output.startElement("title");
                        output.write(String.valueOf(attributes.get("title")));
                        output.endElement("title");
                        if (styleSheet != null) {
                            AttributesImpl link = new AttributesImpl();
                            link.addAttribute("", "rel", "rel", "CDATA", "stylesheet");
                            link.addAttribute("", "href", "href", "CDATA", styleSheet);
                            output.startElement("link", link);
                            output.endElement("link");
                        }
                        output.endElement("head");
                        output.startElement("body");
                        invokeBody(output);
                        output.endElement("body");
                        output.endElement("html");
                    }
                    case "main-panel" -> {
                        output.startElement("div", classes("main-panel"));
                        invokeBody(output);
                        output.endElement("div");
                    }
                    case "include" -> {
                        // the side panel: not part of what this plugin shows
                    }
                    default -> throw new JellyTagException("No stand-in for the Jenkins tag " + name);
                }
            }
            catch (SAXException e) {
                throw new JellyTagException(e);
            }
        }

        private static Attributes classes(final String value) {
            AttributesImpl attributes = new AttributesImpl();
            attributes.addAttribute("", "class", "class", "CDATA", value);
            return attributes;
        }
    }
}
