package io.mlstages.data;

/**
 * Turns cell text into Strings, reusing the String of a recent equal cell of the same column: a low-cardinality
 * column then allocates nothing per row, and a String's hash code, once computed by the caller's map, is reused.
 * Direct-mapped, with at most {@value #TOTAL_SLOTS} slots over all columns, so its memory is bounded whatever the
 * data.
 */
final class TextCache {
    /**
     * Slots shared by the columns. A narrow file gets up to {@value #MOST_SLOTS} per column: with 64, a column of
     * 200 Zipf-distributed levels missed about one cell in five (each miss makes a String that the caller's map
     * then hashes and compares); with 1024 and Fibonacci hashing about one in a hundred.
     */
    private static final int TOTAL_SLOTS = 32 * 1024;
    private static final int FEWEST_SLOTS = 64;
    private static final int MOST_SLOTS = 1024;
    private static final int LONGEST = 48;

    private final String[][] columns;
    private final int slotBits;

    TextCache(final int width) {
        columns = new String[width][];
        int slots = Integer.highestOneBit(Math.max(1, TOTAL_SLOTS / Math.max(1, width)));
        slotBits = Integer.numberOfTrailingZeros(Math.max(FEWEST_SLOTS, Math.min(MOST_SLOTS, slots)));
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
            slots = new String[1 << slotBits];
            columns[column] = slots;
        }
        int slot = (hash * 0x9E3779B9) >>> (32 - slotBits); // Fibonacci hashing: the top bits are well mixed
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
