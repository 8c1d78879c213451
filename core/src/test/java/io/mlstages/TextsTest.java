package io.mlstages;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextsTest {
    @Test
    void shouldEscapeControlCharactersAndLineBreaks() {
        assertThat(Texts.escape("a\nb\r\tc\u0000d\u001b[31m\u0085\u2028e")).isEqualTo(
                "a\\nb\\r\\tc\\u0000d\\u001b[31m\\u0085\\u2028e");
        assertThat(Texts.escape("plain café ✓")).isEqualTo("plain café ✓");
    }

    @Test
    void shouldQuoteAtMostFortyCharactersAndSayHowLongTheValueWas() {
        String huge = "x".repeat(10_000_000);

        assertThat(Texts.quote(huge)).isEqualTo("'" + "x".repeat(40) + "... (10000000 characters)'");
        assertThat(Texts.quote(huge.toCharArray(), 0, huge.length())).isEqualTo(Texts.quote(huge));
        assertThat(Texts.quote("short")).isEqualTo("'short'");
    }

    @Test
    void shouldNeverSplitACharacterInTwo() {
        String emoji = "a".repeat(39) + "\uD83D\uDE00tail";

        assertThat(Texts.quote(emoji)).startsWith("'" + "a".repeat(39) + "...");
    }

    @Test
    void shouldBoundAWholeLine() {
        assertThat(Texts.line("y".repeat(5000) + "\n")).hasSizeLessThan(Texts.LINE_CHARS + 40).doesNotContain("\n");
    }
}
