package io.mlstages.steps;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The drift trend on the job page: well-formed SVG, no script, no style, every label escaped. */
class TrendChartTest {
    private static Document parse(final String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldEscapeAHostileLabelAndStayWellFormed() throws Exception {
        String hostile = "<script>alert('x')</script>&\"";
        String svg = TrendChart.svg(List.of(new TrendChart.Point("#1", 0.1, false),
                new TrendChart.Point(hostile, 0.7, true)), 0.5);

        assertThat(svg).doesNotContain("<script").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;");
        Document document = parse(svg);
        assertThat(document.getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(document.getElementsByTagNameNS("*", "script").getLength()).isZero();
        NodeList texts = document.getElementsByTagNameNS("*", "text");
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < texts.getLength(); i++) {
            labels.add(texts.item(i).getTextContent());
        }
        assertThat(labels).contains(hostile, "#1", "threshold 50%");
    }

    @Test
    void shouldUseNoStyleAttributeAndColourDriftedBuilds() throws Exception {
        List<TrendChart.Point> points = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            points.add(new TrendChart.Point("#" + i, (i % 10) / 10.0, i % 10 >= 5));
        }
        Document document = parse(TrendChart.svg(points, 0.5));

        NodeList all = document.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element element = (Element) all.item(i);
            assertThat(element.hasAttribute("style")).as(element.getTagName()).isFalse();
            for (int a = 0; a < element.getAttributes().getLength(); a++) {
                assertThat(element.getAttributes().item(a).getNodeName()).doesNotStartWith("on");
            }
        }
        NodeList circles = document.getElementsByTagNameNS("*", "circle");
        assertThat(circles.getLength()).isEqualTo(40);
        long red = 0;
        for (int i = 0; i < circles.getLength(); i++) {
            red += "#cc0000".equals(((Element) circles.item(i)).getAttribute("fill")) ? 1 : 0;
        }
        assertThat(red).isEqualTo(20);
        // at most a dozen build labels under the axis, so that they never overlap
        long buildLabels = 0;
        NodeList texts = document.getElementsByTagNameNS("*", "text");
        for (int i = 0; i < texts.getLength(); i++) {
            buildLabels += texts.item(i).getTextContent().startsWith("#") ? 1 : 0;
        }
        assertThat(buildLabels).isBetween(2L, 13L);
    }

    @Test
    void shouldDrawNothingWithoutBuildsAndRefuseAShareOutOfRange() {
        assertThat(TrendChart.svg(List.of(), 0.5)).isEmpty();
        assertThatThrownBy(() -> new TrendChart.Point("#3", 1.5, true)).hasMessageContaining("1.5")
                .hasMessageContaining("#3");
        assertThatThrownBy(() -> TrendChart.svg(List.of(), Double.NaN)).hasMessageContaining("NaN");
    }
}
