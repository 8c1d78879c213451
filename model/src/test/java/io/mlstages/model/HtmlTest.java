package io.mlstages.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The one HTML escaper, on hostile text. */
class HtmlTest {
    @Test
    void shouldEscapeMarkupAndBothQuotes() {
        assertThat(Html.escape("<script>alert(1)</script>")).isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(Html.escape("\" onmouseover=\"alert(1)")).isEqualTo("&quot; onmouseover=&quot;alert(1)");
        assertThat(Html.escape("a \"b\" 'c' & d")).isEqualTo("a &quot;b&quot; &#39;c&#39; &amp; d");
        assertThat(Html.escape("&lt;")).as("escaped once, not interpreted").isEqualTo("&amp;lt;");
        assertThat(Html.escape("</textarea><img src=x onerror=alert(1)>"))
                .isEqualTo("&lt;/textarea&gt;&lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void shouldReplaceControlCharactersButKeepWhitespace() {
        assertThat(Html.escape("nul\u0000 bell\u0007 esc\u001b del\u007f c1\u0085 \u009f"))
                .isEqualTo("nul\uFFFD bell\uFFFD esc\uFFFD del\uFFFD c1\uFFFD \uFFFD");
        assertThat(Html.escape("tab\tline\nreturn\r")).isEqualTo("tab\tline\nreturn\r");
    }

    @Test
    void shouldKeepSurrogatePairsAndReplaceBrokenOnes() {
        assertThat(Html.escape("température 🌡 \uD83D\uDE00")).isEqualTo("température 🌡 \uD83D\uDE00");
        assertThat(Html.escape("lone \uD800 high")).isEqualTo("lone \uFFFD high");
        assertThat(Html.escape("lone \uDC00 low")).isEqualTo("lone \uFFFD low");
        assertThat(Html.escape("end \uD83D")).isEqualTo("end \uFFFD");
        assertThat(Html.escape("reversed \uDE00\uD83D")).isEqualTo("reversed \uFFFD\uFFFD");
        assertThat(Html.escape("non-characters \uFFFE \uFFFF \uFDD0 \uD83F\uDFFF"))
                .isEqualTo("non-characters \uFFFD \uFFFD \uFFFD \uFFFD");
    }

    @Test
    void shouldEscapeVeryLongStringsWhole() {
        String hostile = "<b>&\"'\u0000".repeat(200_000);

        String escaped = Html.escape(hostile);

        assertThat(escaped).hasSize(200_000 * "&lt;b&gt;&amp;&quot;&#39;\uFFFD".length())
                .startsWith("&lt;b&gt;&amp;&quot;&#39;\uFFFD&lt;b&gt;").doesNotContain("<", ">", "\"", "'", "\u0000");
    }

    @Test
    void shouldMakeNullEmpty() {
        assertThat(Html.escape(null)).isEmpty();
        assertThat(Html.escape("")).isEmpty();
    }
}
