package io.mlstages.model;

/** The one HTML escaper of the engine's reports, the steps' charts and the plugin's pages. */
public final class Html {
    private Html() {
    }

    /**
     * Escapes text for HTML (and XML) element content and quoted attribute values: {@code & < > " '} become
     * character references, and characters a page cannot carry (control characters other than tab, line feed and
     * carriage return, non-characters, unpaired surrogates) become U+FFFD, visibly. Null is empty.
     */
    public static String escape(final String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        int codePoint = Character.toCodePoint(c, text.charAt(i + 1));
                        out.appendCodePoint(isNonCharacter(codePoint) ? 0xFFFD : codePoint);
                        i++;
                    }
                    else if (Character.isSurrogate(c) || isForbidden(c)) {
                        out.append('\uFFFD');
                    }
                    else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean isForbidden(final char c) {
        boolean control = c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= 0x7F && c <= 0x9F;
        return control || isNonCharacter(c);
    }

    private static boolean isNonCharacter(final int codePoint) {
        return codePoint >= 0xFDD0 && codePoint <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;
    }
}
