package io.mlstages.data;

/**
 * Turns cell text into Strings, reusing the String of a recent equal cell of the same column: a low-cardinality
 * column then allocates nothing per row, and a String's hash code, once computed by the caller's map, is reused.
 * Direct-mapped, with a bounded number of slots per column, so its memory is bounded whatever the data.
 */
final class TextCache {
    /**
     * Slots per column: with 64, a column of 200 Zipf-distributed levels missed about one cell in five (each miss
     * makes a String that the caller's map then hashes and compares); with 1024 and Fibonacci hashing about one
     * in a hundred. Slots are made for a column when it first asks (numeric columns never do), so a wide table
     * of few text columns gets the full size for each of them; past {@value #TOTAL_SLOTS} slots in all, the
     * further columns get {@value #FEWEST_SLOTS}.
     */
    private static final int TOTAL_SLOTS = 256 * 1024;
    private static final int FEWEST_SLOTS = 64;
    private static final int MOST_SLOTS = 1024;
    private static final int LONGEST = 48;

    private final String[][] columns;
    private final int[] bits;
    private int allocated;

    TextCache(final int width) {
        columns = new String[width][];
        bits = new int[width];
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
            int size = allocated + MOST_SLOTS <= TOTAL_SLOTS ? MOST_SLOTS : FEWEST_SLOTS;
            allocated += size;
            slots = new String[size];
            columns[column] = slots;
            bits[column] = Integer.numberOfTrailingZeros(size);
        }
        int slot = (hash * 0x9E3779B9) >>> (32 - bits[column]); // Fibonacci hashing: the top bits are well mixed
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
