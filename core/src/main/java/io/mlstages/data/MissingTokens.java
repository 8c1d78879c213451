package io.mlstages.data;

import java.util.Set;

/**
 * Recognises missing-value tokens in a char range without allocating. Most cells are rejected by their length
 * or first character alone, which keeps the check cheap on numeric columns.
 */
final class MissingTokens {
    private final char[][] tokens;
    private final int maxLength;
    /** For ASCII first characters: whether some token starts with it. */
    private final boolean[] firstAscii = new boolean[128];
    private final boolean firstNonAscii;

    MissingTokens(final Set<String> missing) {
        tokens = missing.stream().map(String::strip).filter(t -> !t.isEmpty()).distinct()
                .map(String::toCharArray).toArray(char[][]::new);
        int longest = 0;
        boolean nonAscii = false;
        for (char[] token : tokens) {
            longest = Math.max(longest, token.length);
            if (token[0] < 128) {
                firstAscii[token[0]] = true;
            } else {
                nonAscii = true;
            }
        }
        maxLength = longest;
        firstNonAscii = nonAscii;
    }

    /**
     * Whether some token has the shape of a plain decimal number, {@code [sign] digits [. digits]} (such as
     * {@code -999}): a cell of that shape may then still be missing, so a cursor cannot take it for a number
     * without looking at the tokens.
     */
    boolean anyPlainNumber() {
        for (char[] token : tokens) {
            int i = token[0] == '-' || token[0] == '+' ? 1 : 0;
            int digits = 0;
            int dots = 0;
            for (; i < token.length; i++) {
                if (token[i] >= '0' && token[i] <= '9') {
                    digits++;
                } else if (token[i] == '.') {
                    dots++;
                } else {
                    break;
                }
            }
            if (i == token.length && digits > 0 && dots <= 1) {
                return true;
            }
        }
        return false;
    }

    /** Whether the trimmed range {@code [from, to)} is empty or a token. */
    boolean matches(final char[] text, final int from, final int to) {
        int length = to - from;
        if (length == 0) {
            return true;
        }
        if (length > maxLength) {
            return false;
        }
        char first = text[from];
        if (first < 128 ? !firstAscii[first] : !firstNonAscii) {
            return false;
        }
        for (char[] token : tokens) {
            if (token.length == length && equal(token, text, from)) {
                return true;
            }
        }
        return false;
    }

    private static boolean equal(final char[] token, final char[] text, final int from) {
        for (int k = 0; k < token.length; k++) {
            if (token[k] != text[from + k]) {
                return false;
            }
        }
        return true;
    }
}
