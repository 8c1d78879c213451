package io.mlstages.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Echoes of a token as servers and scripts really transform them are masked; other text is left alone. */
class SecretMaskTest {
    private static final String TOKEN = "tok/EN+abc=Q9xZ7mK2pL";
    private static final Secret SECRET = Secret.of(TOKEN, "test");

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"error\": \"bad token tok\\/EN+abc=Q9xZ7mK2pL\"}",
        "bad token TOK/EN+ABC=Q9XZ7MK2PL",
        "bad token tok/en+abc=q9xz7mk2pl",
        "bad token tok%2FEN%2Babc%3DQ9xZ7mK2pL",
        "bad token tok&#x2F;EN&#43;abc&#61;Q9xZ7mK2pL",
        "bad token tok\\u002fEN\\u002babc\\u003dQ9xZ7mK2pL",
        "bad token tok%5C%2FEN+abc=Q9xZ7mK2pL",
        "token starts tok/EN+abc=Q9... (truncated)",
        "token ends ...abc=Q9xZ7mK2pL",
        "middle EN+abc=Q9xZ7m only"
    })
    void shouldMaskEveryTransformedEcho(final String echo) {
        String masked = SECRET.mask(echo);

        assertThat(masked).contains(Secret.MASK);
        assertThat(masked.toLowerCase(Locale.ROOT)).doesNotContain("abc=q9").doesNotContain("q9xz7")
                .doesNotContain("tok/en").doesNotContain("mk2pl");
    }

    @Test
    void shouldMaskBase64FormsAtEveryAlignment() {
        for (String prefix : new String[] {"", "u:", "us:", "Bearer "}) {
            String encoded = Base64.getEncoder().encodeToString((prefix + TOKEN).getBytes(StandardCharsets.UTF_8));
            String masked = SECRET.mask("echo: " + encoded);
            assertThat(masked).as(prefix).contains(Secret.MASK);
            // what is left of the encoding no longer decodes to the token
            assertThat(masked.length()).as(prefix).isLessThan(("echo: " + encoded).length() - 10);
        }
    }

    @Test
    void shouldLeaveTextWithoutTheTokenAlone() {
        String text = "{\"error\": \"forbidden\", \"path\": \"/deploy\", \"hint\": \"see https://example.org/docs\"}";
        assertThat(SECRET.mask(text)).isEqualTo(text);
        assertThat(SECRET.mask("tok/E and abc= and Q9x")).isEqualTo("tok/E and abc= and Q9x");
        assertThat(SECRET.mask(null)).isNull();
        assertThat(SECRET.mask("")).isEmpty();
    }

    @Test
    void shouldKeepTheTextAroundAnEchoAsItWas() {
        assertThat(SECRET.mask("before tok\\/EN+abc=Q9xZ7mK2pL after")).isEqualTo("before **** after");
        assertThat(Secret.of("short", "test").mask("a SHORT one, a shor one")).isEqualTo("a **** one, a shor one");
    }
}
