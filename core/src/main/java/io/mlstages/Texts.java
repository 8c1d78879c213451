package io.mlstages;

/**
 * Untrusted text (a cell, a header, a name, a whole error message) made safe to print on one line: control
 * characters and line breaks escaped, and length bounded, so that a 10 MB cell or a name holding a newline can
 * neither flood stderr nor forge a second line of a Jenkins console log.
 */
public final class Texts {
    /** How much of a quoted value a message shows, as {@code serve} does. */
    public static final int QUOTED_CHARS = 40;
    /** The longest message line printed; the file, line and column come first, so they survive the cut. */
    public static final int LINE_CHARS = 1000;

    private Texts() {
    }

    /** {@code 'value'}: escaped and cut to {@value #QUOTED_CHARS} characters, saying how long it really was. */
    public static String quote(final String value) {
        return "'" + shortened(value, QUOTED_CHARS) + "'";
    }

    /** {@code 'cell'} for a cell in a parser's buffer, copying no more of it than is shown. */
    public static String quote(final char[] chars, final int start, final int end) {
        if (end - start <= QUOTED_CHARS) {
            return quote(new String(chars, start, end - start));
        }
        int cut = Character.isHighSurrogate(chars[start + QUOTED_CHARS - 1]) ? QUOTED_CHARS - 1 : QUOTED_CHARS;
        return "'" + escape(new String(chars, start, cut)) + "... (" + (end - start) + " characters)'";
    }

    /** The value escaped and cut to {@code max} characters, the cut marked with the full length. */
    public static String shortened(final String value, final int max) {
        if (value == null) {
            return "null";
        }
        if (value.length() <= max) {
            return escape(value);
        }
        int end = max;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--; // never split a character in two
        }
        return escape(value.substring(0, end)) + "... (" + value.length() + " characters)";
    }

    /** One printable line: escaped and cut to {@value #LINE_CHARS} characters. */
    public static String line(final String message) {
        return shortened(message, LINE_CHARS);
    }

    /**
     * Control characters (C0, DEL, C1, and the Unicode line and paragraph separators) as escapes: {@code \n},
     * {@code \r}, {@code \t}, else {@code \}{@code uXXXX}. Everything else, including a backslash, is kept.
     */
    public static String escape(final String value) {
        if (value == null) {
            return "null";
        }
        int first = firstControl(value);
        if (first < 0) {
            return value;
        }
        StringBuilder text = new StringBuilder(value.length() + 16).append(value, 0, first);
        for (int i = first; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isControl(c)) {
                text.append(c);
            } else if (c == '\n') {
                text.append("\\n");
            } else if (c == '\r') {
                text.append("\\r");
            } else if (c == '\t') {
                text.append("\\t");
            } else {
                text.append(String.format("\\u%04x", (int) c));
            }
        }
        return text.toString();
    }

    private static int firstControl(final String value) {
        for (int i = 0; i < value.length(); i++) {
            if (isControl(value.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isControl(final char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }
}
