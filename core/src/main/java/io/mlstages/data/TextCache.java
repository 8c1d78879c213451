package io.mlstages.data;

/**
 * Turns cell text into Strings, reusing the String of a recent equal cell of the same column: a low-cardinality
 * column then allocates nothing per row, and a String's hash code, once computed by the caller's map, is reused.
 * Direct-mapped and small, so its memory is bounded whatever the data.
 */
final class TextCache {
    private static final int SLOTS = 64;
    private static final int LONGEST = 48;

    private final String[][] columns;

    TextCache(final int width) {
        columns = new String[width][];
    }

    String text(final int column, final char[] chars, final int start, final int end) {
        int length = end - start;
        if (length > LONGEST) {
            return new String(chars, start, length);
        }
        int hash = 0;
        for (int k = start; k < end; k++) {
            hash = 31 * hash + chars[k];
        }
        String[] slots = columns[column];
        if (slots == null) {
            slots = new String[SLOTS];
            columns[column] = slots;
        }
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        String cached = slots[slot];
        if (cached != null && cached.length() == length && same(cached, chars, start)) {
            return cached;
        }
        cached = new String(chars, start, length);
        slots[slot] = cached;
        return cached;
    }

    private static boolean same(final String text, final char[] chars, final int start) {
        for (int k = 0; k < text.length(); k++) {
            if (text.charAt(k) != chars[start + k]) {
                return false;
            }
        }
        return true;
    }
}
