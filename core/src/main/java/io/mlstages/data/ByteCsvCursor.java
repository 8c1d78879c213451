package io.mlstages.data;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * CSV rows split straight from the file's bytes: one pass per byte finds the delimiters, quotes and line breaks,
 * copies ASCII as it is and decodes (strictly) the rest into the row's chars. It replaces a UTF-8 decoder
 * followed by a char-level CSV parser, which passed over every byte three times (decode, split, copy), and it
 * gives exactly what {@link CsvCursor} (FastCSV, strict RFC 4180) gives: the same fields, the same starting
 * lines (CR, LF and CRLF end a line, inside quotes as outside), blank lines skipped, and the same errors
 * ({@code ByteCsvCursorTest} compares both on generated files). The delimiter must be ASCII; others go through
 * {@link CsvCursor}.
 */
final class ByteCsvCursor extends RowCursor {
    /** Bytes read at a time: large reads keep the stream layers' per-call costs negligible. */
    private static final int READ_BYTES = 256 * 1024;
    /** As FastCSV's buffer limit: a row this long is far more likely a quote that never closes than data. */
    static final int MAX_ROW_CHARS = 16 * 1024 * 1024;

    private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long[] LONG_POWERS = {1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000};

    private static final byte PLAIN = 0;
    private static final byte DELIMITER = 1;
    private static final byte QUOTE = 2;
    private static final byte CR = 3;
    private static final byte LF = 4;
    private static final byte HIGH = 5;

    private final Path file;
    private final TextInput input;
    private final InputStream in;
    private final byte delimiter;
    /** The largest byte value with a meaning outside quotes: every byte above it is plain data. */
    private final byte highestSpecial;
    /** Byte classes outside quotes (a quote is plain data there unless it opens the field). */
    private final byte[] unquoted = new byte[256];
    /** Byte classes inside quotes. */
    private final byte[] quoted = new byte[256];
    private final List<String> header;

    private byte[] buffer = new byte[READ_BYTES];
    private int pos;
    private int limit;
    private boolean eof;
    /** Offset in the decoded byte stream of {@code buffer[0]}, for error messages. */
    private long base;
    /** The line where the next record starts. */
    private long nextLine = 1;
    /** The last record ended with a CR: a LF right after it completes that line break. */
    private boolean skipLf;
    private int count;
    private int used;
    /** Per column, whether to parse its cells as numbers while splitting (null: none). */
    @CheckForNull private boolean[] numeric;
    /** Whether the field being read was parsed as a number. */
    private boolean number;
    /** Whether the current row has parsed cells whose chars are not copied yet; they are at {@link #holesFrom}. */
    private boolean holes;
    /** Where the current row starts in the byte buffer, when it has {@link #holes}. */
    private int holesFrom;
    /** Line breaks inside the quoted fields of the record being read. */
    private long breaks;
    /** Skip mode: a malformed byte's line is counted from the record's, not by reading the file again. */
    private boolean lenient;
    /** The last error was confined to its row (see {@link #skipRow()}). */
    private boolean rowLocal;
    /** The last error left the reader inside its record: {@link #skipRow()} must find the record's end. */
    private boolean midRecord;

    ByteCsvCursor(final Path file, final TextInput input, final char delimiter) {
        if (delimiter >= 128 || delimiter == '"' || delimiter == '\r' || delimiter == '\n') {
            throw new IllegalArgumentException("ByteCsvCursor needs an ASCII delimiter other than a quote or a line "
                    + "break, got " + (int) delimiter);
        }
        this.file = file;
        this.input = input;
        this.in = input.bytes();
        this.delimiter = (byte) delimiter;
        this.highestSpecial = (byte) Math.max(delimiter, Math.max('\r', '\n'));
        for (int b = 128; b < 256; b++) {
            unquoted[b] = HIGH;
            quoted[b] = HIGH;
        }
        unquoted[delimiter] = DELIMITER;
        unquoted['\r'] = CR;
        unquoted['\n'] = LF;
        quoted['"'] = QUOTE;
        quoted['\r'] = CR;
        quoted['\n'] = LF;
        skipBom();
        if (!fetch()) {
            throw new DataException(file, 0, null, "is empty: expected a header line naming the columns");
        }
        header = readHeader();
    }

    @Override
    void fillChars() {
        if (holes) {
            holes = false;
            boolean[] parsed = Objects.requireNonNull(this.parsed, "holes are left only where numbers are parsed");
            for (int i = 0; i < count; i++) {
                if (parsed[i]) {
                    for (int k = starts[i]; k < ends[i]; k++) {
                        chars[k] = (char) buffer[holesFrom + k];
                    }
                }
            }
        }
    }

    @Override
    void parseNumbers(final boolean[] columns) {
        numeric = columns.clone();
        parsed = new boolean[columns.length];
        values = new double[columns.length];
    }

    /** Whether a delimiter can be split at the byte level. */
    static boolean handles(final char delimiter) {
        return delimiter < 128 && delimiter != '"' && delimiter != '\r' && delimiter != '\n';
    }

    private void skipBom() {
        if (ensure(3) && buffer[pos] == (byte) 0xEF && buffer[pos + 1] == (byte) 0xBB
                && buffer[pos + 2] == (byte) 0xBF) {
            pos += 3;
        }
    }

    private List<String> readHeader() {
        List<String> names = new ArrayList<>(count);
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < count; i++) {
            String name = new String(chars, starts[i], ends[i] - starts[i]);
            if (name.isBlank()) {
                throw new DataException(file, line, null, "the header's field " + (i + 1) + " of " + count
                        + " is empty: every column needs a name");
            }
            Integer before = seen.put(name, i);
            if (before != null) {
                throw new DataException(file, line, name, "the header names this column twice (fields "
                        + (before + 1) + " and " + (i + 1) + "): column names must be unique");
            }
            names.add(name);
        }
        return Collections.unmodifiableList(names);
    }

    @Override
    List<String> columns() {
        return header;
    }

    @Override
    TextInput input() {
        return input;
    }

    @Override
    void lenient() {
        lenient = true;
    }

    /**
     * Moves past the rest of the row that failed: to the next line break, quoted or not (so bad quoting is
     * recovered at the next line). Not possible after a quote that never closes (it took the rest of the file),
     * a row longer than {@link #MAX_ROW_CHARS} or a read error, which stay fatal.
     */
    @Override
    boolean skipRow() {
        if (!rowLocal) {
            return false;
        }
        rowLocal = false;
        if (midRecord) {
            midRecord = false;
            while (ensure(1)) {
                byte b = buffer[pos++];
                if (b == '\n') {
                    break;
                }
                if (b == '\r') {
                    skipLf = true;
                    break;
                }
            }
            nextLine = line + 1 + breaks;
        }
        return true;
    }

    @Override
    boolean advance() {
        rowLocal = false;
        midRecord = true;
        if (!fetch()) {
            midRecord = false;
            return false;
        }
        midRecord = false;
        int expected = header.size();
        if (count != expected) {
            rowLocal = true;
            if (count < expected) {
                throw new DataException(file, line, header.get(count), "the row has " + count
                        + (count == 1 ? " field" : " fields") + ", expected " + expected
                        + " (as in the header): this column and the ones after it are missing");
            }
            throw new DataException(file, line, null, "the row has " + count + " fields, expected "
                    + expected + " (as in the header); check the delimiter and the quoting of fields that contain it");
        }
        return true;
    }

    /** Reads the next record that is not a blank line into the buffers; false at the end of the file. */
    private boolean fetch() {
        holes = false;
        while (true) {
            if (fastRecord()) {
                return true;
            }
            int kind = record();
            if (kind >= 0) {
                return kind > 0;
            }
        }
    }

    /**
     * Reads the next record when it is of the common kind: no quotes, ASCII only, ending in a line break inside
     * the buffer, with everything in local variables. Such a row's chars are its bytes one to one; they are copied
     * as the fields are scanned, except those of the plain numbers of numeric columns, which are parsed here (as
     * {@link #number()} does) and copied only if someone asks for their text ({@link #fillChars()}): copying them
     * cost as much as parsing them. Anything else returns false having changed nothing but the row buffers, and
     * {@link #record()} reads the record instead.
     */
    private boolean fastRecord() {
        int p = pos;
        final int lim = limit;
        final byte[] bytes = buffer;
        if (skipLf) {
            if (p >= lim) {
                return false;
            }
            if (bytes[p] == '\n') {
                p++;
            }
        }
        final int rowStart = p;
        final char[] out = chars;
        final int[] rowStarts = starts;
        final int[] rowEnds = ends;
        final boolean[] numbers = numeric;
        final byte[] classes = unquoted;
        final byte highest = highestSpecial;
        boolean gaps = false;
        int n = 0;
        while (true) {
            int fieldStart = p;
            // the bound on the chars: a row longer than the char buffer goes through record(), which grows it
            int stop = Math.min(lim, rowStart + out.length);
            if (p >= stop) {
                return false;
            }
            byte b = bytes[p];
            if (b == '"') {
                return false;
            }
            boolean number = false;
            double value = 0;
            if (numbers != null && n < numbers.length && numbers[n]) {
                if (p + 24 <= stop) {
                    // eight bytes at a time: a loop over the digits mispredicts its exit and the position of the
                    // dot once per number, which cost more than the rest of the row
                    int q = p;
                    boolean negative = b == '-';
                    if (negative || b == '+') {
                        q++;
                    }
                    long head = (long) LONGS.get(bytes, q);
                    int whole = Long.numberOfTrailingZeros(nonDigits(head)) >>> 3;
                    if (whole < 8) {
                        long mantissa = digits(head, whole);
                        int end = q + whole;
                        int fraction = 0;
                        if (bytes[end] == '.') {
                            long tail = (long) LONGS.get(bytes, end + 1);
                            fraction = Long.numberOfTrailingZeros(nonDigits(tail)) >>> 3;
                            mantissa = mantissa * LONG_POWERS[fraction & 7] + digits(tail, fraction);
                            end += 1 + fraction;
                        }
                        byte last = bytes[end];
                        if (fraction < 8 && whole + fraction > 0 && last >= 0) {
                            byte kind = classes[last];
                            if (kind == DELIMITER || kind == CR || kind == LF) {
                                value = fraction == 0 ? mantissa : mantissa / NumberParser.POWERS[fraction];
                                if (negative) {
                                    value = -value;
                                }
                                number = true;
                                gaps = true; // the chars of this cell are not copied
                                p = end;
                            }
                        }
                    }
                }
                if (!number) {
                    // near the end of the buffer, or eight digits or more on a side of the dot: byte by byte
                    int numberStop = Math.min(stop, p + 20); // a sign, 15 digits, a dot and the byte after
                    boolean negative = false;
                    if (b == '-' || b == '+') {
                        negative = b == '-';
                        out[p - rowStart] = (char) b;
                        p++;
                    }
                    int digitsStart = p;
                    int dot = -1;
                    long mantissa = 0;
                    while (p < numberStop) {
                        b = bytes[p];
                        int digit = b - '0';
                        if (digit >= 0 && digit <= 9) {
                            mantissa = mantissa * 10 + digit;
                        } else if (b == '.' && dot < 0) {
                            dot = p;
                        } else {
                            break;
                        }
                        out[p - rowStart] = (char) b;
                        p++;
                    }
                    int digits = p - digitsStart - (dot < 0 ? 0 : 1);
                    if (p < numberStop && digits > 0 && digits <= 15 && b >= 0) {
                        byte kind = classes[b];
                        if (kind == DELIMITER || kind == CR || kind == LF) {
                            int fraction = dot < 0 ? 0 : p - dot - 1;
                            value = fraction == 0 ? mantissa : mantissa / NumberParser.POWERS[fraction];
                            if (negative) {
                                value = -value;
                            }
                            number = true;
                        }
                    }
                }
            }
            byte kind;
            while (true) {
                if (p >= stop) {
                    return false;
                }
                b = bytes[p];
                if (b > highest) {
                    out[p - rowStart] = (char) b;
                    p++;
                    continue;
                }
                if (b < 0) {
                    return false;
                }
                kind = classes[b];
                if (kind != PLAIN) {
                    break;
                }
                out[p - rowStart] = (char) b;
                p++;
            }
            if (n == 0 && p == fieldStart && kind != DELIMITER) {
                return false; // a blank line: record() skips it
            }
            if (n >= rowStarts.length) {
                return false;
            }
            if (parsed != null && values != null && n < parsed.length) {
                parsed[n] = number;
                values[n] = value;
            }
            rowStarts[n] = fieldStart - rowStart;
            rowEnds[n] = p - rowStart;
            n++;
            p++;
            if (kind == DELIMITER) {
                continue;
            }
            int length = p - 1 - rowStart;
            boolean crAtEnd = false;
            if (kind == CR) {
                if (p < lim) {
                    if (bytes[p] == '\n') {
                        p++;
                    }
                } else {
                    crAtEnd = true; // the LF that may follow is not read yet
                }
            }
            pos = p;
            used = length;
            count = n;
            holes = gaps;
            holesFrom = rowStart;
            skipLf = crAtEnd;
            line = nextLine;
            nextLine = line + 1;
            return true;
        }
    }

    /** Per byte of {@code word}: zero where it is an ASCII digit, not zero elsewhere. */
    private static long nonDigits(final long word) {
        // a digit is 0x30..0x39: its high nibble is 3 before and after adding 6; a carry out of a byte of 0xFA or
        // more only disturbs the bytes after it, which come after a non-digit anyway
        long high = word & 0xF0F0F0F0F0F0F0F0L;
        long shifted = (word + 0x0606060606060606L) & 0xF0F0F0F0F0F0F0F0L;
        return (high ^ 0x3030303030303030L) | (shifted ^ 0x3030303030303030L);
    }

    /** The value of the first {@code count} (0 to 8) bytes of {@code word}, ASCII digits, first byte first. */
    private static long digits(final long word, final int count) {
        if (count == 0) {
            return 0;
        }
        // the digits' values, moved to the top bytes so that the bytes below read as leading zeros; then three
        // multiply-and-add steps combine pairs, quads and the two halves (the method of fast_float)
        long value = (word - 0x3030303030303030L) << (8 - count) * 8;
        value = value * 10 + (value >>> 8);
        value = ((value & 0x000000FF000000FFL) * (100 + (1000000L << 32))
                + ((value >>> 16) & 0x000000FF000000FFL) * (1 + (10000L << 32))) >>> 32;
        return value;
    }

    /**
     * Reads one record: 1 for a record with fields, -1 for a blank line (skipped, but counted as a line), 0 at
     * the end of the file.
     */
    private int record() {
        line = nextLine;
        count = 0;
        used = 0;
        breaks = 0;
        if (skipLf) {
            skipLf = false;
            if (ensure(1) && buffer[pos] == '\n') {
                pos++;
            }
        }
        while (true) {
            // at the start of a field
            int start = used;
            if (!ensure(1)) {
                if (count == 0) {
                    return 0; // nothing after the last line break
                }
                field(start); // the file ends right after a delimiter: an empty last field
                nextLine = line + 1 + breaks;
                return 1;
            }
            if (buffer[pos] == '"') {
                pos++;
                int end = quotedField(start);
                field(start);
                if (end == 0) {
                    continue; // a delimiter: the next field
                }
                nextLine = line + 1 + breaks;
                return 1;
            }
            boolean any = false; // whether the field has a byte
            if (numeric != null && count < numeric.length && numeric[count]) {
                any = number();
            }
            while (true) {
                int p = pos;
                int stop = Math.min(limit, p + (chars.length - used));
                byte[] bytes = buffer;
                byte[] classes = unquoted;
                char[] out = chars;
                int u = used;
                while (p < stop) {
                    byte b = bytes[p];
                    if (classes[b & 0xff] != PLAIN) {
                        break;
                    }
                    out[u++] = (char) b;
                    p++;
                }
                any |= p > pos;
                pos = p;
                used = u;
                if (p == stop) {
                    if (p < limit) {
                        grow(1);
                    } else if (!ensure(1)) {
                        // end of the file inside an unquoted field
                        if (count == 0 && !any) {
                            return 0;
                        }
                        field(start);
                        nextLine = line + 1 + breaks;
                        return 1;
                    }
                    continue;
                }
                byte kind = classes[bytes[p] & 0xff];
                if (kind == HIGH) {
                    decode(p);
                    any = true;
                    continue;
                }
                pos = p + 1;
                if (kind == DELIMITER) {
                    field(start);
                    break;
                }
                // a line break ends the record
                if (kind == CR) {
                    skipLf = true;
                }
                if (count == 0 && !any) {
                    nextLine = line + 1;
                    return -1; // a blank line
                }
                field(start);
                nextLine = line + 1 + breaks;
                return 1;
            }
        }
    }

    /**
     * Reads a quoted field after its opening quote, unescaping doubled quotes, and what ends it: 0 for a
     * delimiter, 1 for a line break or the end of the file. Counts its line breaks into {@link #breaks}.
     */
    private int quotedField(final int start) {
        boolean afterCr = false;
        while (true) {
            int p = pos;
            int stop = Math.min(limit, p + (chars.length - used));
            byte[] bytes = buffer;
            byte[] classes = quoted;
            char[] out = chars;
            int u = used;
            while (p < stop) {
                byte b = bytes[p];
                if (classes[b & 0xff] != PLAIN) {
                    break;
                }
                out[u++] = (char) b;
                p++;
            }
            if (p > pos) {
                afterCr = false;
            }
            pos = p;
            used = u;
            if (p == stop) {
                if (p < limit) {
                    grow(1);
                } else if (!ensure(1)) {
                    throw new DataException(file, line, null, "a quoted field starting on this line is never "
                            + "closed before the end of the file: the file may be truncated, or a quote inside a "
                            + "field is not doubled (\"\")");
                }
                continue;
            }
            byte kind = classes[bytes[p] & 0xff];
            if (kind == HIGH) {
                decode(p);
                afterCr = false;
                continue;
            }
            if (kind == CR || kind == LF) {
                if (kind == CR || !afterCr) {
                    breaks++;
                }
                afterCr = kind == CR;
                append((char) bytes[p]);
                pos = p + 1;
                continue;
            }
            // a quote: doubled it stands for itself, else it closes the field
            pos = p + 1;
            afterCr = false;
            if (!ensure(1)) {
                return 1;
            }
            byte next = buffer[pos];
            if (next == '"') {
                append('"');
                pos++;
                continue;
            }
            pos++;
            if (next == delimiter) {
                return 0;
            }
            if (next == '\r') {
                skipLf = true;
                return 1;
            }
            if (next == '\n') {
                return 1;
            }
            pos--;
            rowLocal = true;
            char c = next >= 0 ? (char) next : unexpected();
            throw new DataException(file, line, null, "bad quoting (Unexpected character after closing quote: '"
                    + c + "' (0x" + Integer.toHexString(c) + ") (record starting at line " + line + ")): a field "
                    + "that contains a quote, the delimiter or a line break must be quoted, with its quotes doubled");
        }
    }

    /** The character of the non-ASCII sequence at {@code pos}, for a message. */
    private char unexpected() {
        int before = used;
        decode(pos);
        return chars[before];
    }

    /**
     * Reads the common shape of a number, {@code [sign] digits [. digits]} with at most 15 digits, when it runs
     * up to the delimiter or the line break, and parses it as {@link NumberParser} does (Clinger's fast path:
     * the same double). Anything else (blanks, exponents, more digits, text) is left to the general loop, which
     * goes on from where this stopped, and to the typer. Returns whether it consumed bytes.
     */
    private boolean number() {
        if (chars.length - used < 24) {
            grow(24);
        }
        int p = pos;
        int stop = Math.min(limit, p + 20); // a sign, 15 digits, a dot and the byte after
        byte[] bytes = buffer;
        char[] out = chars;
        int u = used;
        boolean negative = false;
        if (p < stop && (bytes[p] == '-' || bytes[p] == '+')) {
            negative = bytes[p] == '-';
            out[u++] = (char) bytes[p++];
        }
        int digitsStart = p;
        int dot = -1;
        long mantissa = 0;
        while (p < stop) {
            byte b = bytes[p];
            int digit = b - '0';
            if (digit >= 0 && digit <= 9) {
                mantissa = mantissa * 10 + digit;
            } else if (b == '.' && dot < 0) {
                dot = p;
            } else {
                break;
            }
            out[u++] = (char) b;
            p++;
        }
        int digits = p - digitsStart - (dot < 0 ? 0 : 1);
        if (p < stop && digits > 0 && digits <= 15) {
            byte kind = unquoted[bytes[p] & 0xff];
            if (kind == DELIMITER || kind == CR || kind == LF) {
                int fraction = dot < 0 ? 0 : p - dot - 1;
                double value = fraction == 0 ? mantissa : mantissa / NumberParser.POWERS[fraction];
                Objects.requireNonNull(values, "numbers are parsed after parseNumbers")[count] = negative ? -value : value;
                number = true;
            }
        }
        boolean consumed = p > pos;
        pos = p;
        used = u;
        return consumed;
    }

    /** Ends the current field, which started at {@code start} in {@link #chars}. */
    private void field(final int start) {
        if (parsed != null && count < parsed.length) {
            parsed[count] = number;
        }
        number = false;
        ensureColumns(count + 1);
        starts[count] = start;
        ends[count] = used;
        count++;
    }

    private void append(final char c) {
        if (used == chars.length) {
            grow(1);
        }
        chars[used++] = c;
    }

    /** Makes room for {@code more} chars in the row, up to {@link #MAX_ROW_CHARS}. */
    private void grow(final int more) {
        if (used + more <= chars.length) {
            return;
        }
        if (used + more > MAX_ROW_CHARS) {
            throw new DataException(file, line, null, "bad quoting (the row is longer than " + MAX_ROW_CHARS
                    + " characters): a quote that opens a field is probably never closed, or a quote inside a field "
                    + "is not doubled (\"\")");
        }
        chars = java.util.Arrays.copyOf(chars, (int) Math.min(MAX_ROW_CHARS, Math.max(2L * chars.length,
                used + more)));
    }

    /**
     * Decodes the UTF-8 sequence starting with the non-ASCII byte at {@code at} into the row and moves past it;
     * a malformed sequence is an error naming its line and bytes, as the strict decoder reports it.
     */
    private void decode(final int at) {
        pos = at;
        ensure(4);
        int available = limit - pos;
        byte[] bytes = buffer;
        int b0 = bytes[pos] & 0xff;
        int length;
        int low; // the range of the second byte (it excludes overlong forms, surrogates and beyond U+10FFFF)
        int high = 0xBF;
        int code;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            length = 2;
            low = 0x80;
            code = b0 & 0x1F;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            length = 3;
            low = b0 == 0xE0 ? 0xA0 : 0x80;
            high = b0 == 0xED ? 0x9F : 0xBF;
            code = b0 & 0x0F;
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            length = 4;
            low = b0 == 0xF0 ? 0x90 : 0x80;
            high = b0 == 0xF4 ? 0x8F : 0xBF;
            code = b0 & 0x07;
        } else {
            throw malformed();
        }
        if (available < length) {
            throw malformed();
        }
        for (int k = 1; k < length; k++) {
            int b = bytes[pos + k] & 0xff;
            if (k == 1 ? b < low || b > high : b < 0x80 || b > 0xBF) {
                throw malformed();
            }
            code = code << 6 | (b & 0x3F);
        }
        pos += length;
        if (code < 0x10000) {
            append((char) code);
        } else {
            grow(2);
            chars[used++] = Character.highSurrogate(code);
            chars[used++] = Character.lowSurrogate(code);
        }
    }

    /** The error for the malformed sequence at {@code pos}, described exactly as the JDK's decoder sees it. */
    private DataException malformed() {
        rowLocal = true;
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(buffer, pos, Math.min(4, limit - pos));
        java.nio.charset.CoderResult result = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                .decode(bytes, java.nio.CharBuffer.allocate(8), eof);
        int length = result.isError() ? result.length() : 1;
        int at = result.isError() ? bytes.position() : pos;
        if (lenient) {
            return new DataException(file, line + breaks, null, TextInput.describeMalformed(buffer, at, limit,
                    base + at, length));
        }
        return new TextInput.MalformedText(file, base + at, TextInput.describeMalformed(buffer, at, limit, base + at,
                length)).toDataException();
    }

    /** Whether at least {@code wanted} bytes are buffered after {@link #pos}, reading more as needed. */
    private boolean ensure(final int wanted) {
        if (limit - pos >= wanted) {
            return true;
        }
        if (eof) {
            return false;
        }
        if (pos > 0) {
            System.arraycopy(buffer, pos, buffer, 0, limit - pos);
            base += pos;
            limit -= pos;
            pos = 0;
        }
        try {
            while (limit - pos < wanted) {
                int n = in.read(buffer, limit, buffer.length - limit);
                if (n < 0) {
                    eof = true;
                    return false;
                }
                limit += n;
            }
            return true;
        } catch (IOException e) {
            throw new DataException(file, line, null, "cannot be read: " + rootMessage(e), e);
        }
    }

    private static String rootMessage(final Throwable error) {
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
