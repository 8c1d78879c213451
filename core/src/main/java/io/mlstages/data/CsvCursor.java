package io.mlstages.data;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import de.siegmar.fastcsv.reader.RecordType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CSV rows through FastCSV's callback API: each field's chars are copied straight into the row buffer, so no
 * String is made per cell. Blank lines are skipped (as pandas does); every other row must have as many fields as
 * the header.
 */
final class CsvCursor extends RowCursor {
    private final Path file;
    private final TextInput input;
    private final CsvReader<Object> reader;
    private final CloseableIterator<Object> records;
    private final Fields fields = new Fields();
    private final List<String> header;
    /** The last error was a row with the wrong number of fields, which FastCSV had read to its end. */
    private boolean ragged;

    CsvCursor(final Path file, final TextInput input, final char delimiter) {
        this.file = file;
        this.input = input;
        this.reader = CsvReader.builder()
                .fieldSeparator(delimiter)
                .quoteCharacter('"')
                .commentStrategy(CommentStrategy.NONE)
                .skipEmptyLines(true)
                .allowUnclosedQuote(false)  // a half-written file must fail, not yield a giant last field
                // ragged rows are reported by us, with the expected count and the column
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .detectBomHeader(false)     // TextInput already dropped it
                .build(fields, input.reader());
        this.records = reader.iterator();
        if (!fetch()) {
            throw new DataException(file, 0, null, "is empty: expected a header line naming the columns");
        }
        header = readHeader();
    }

    private List<String> readHeader() {
        List<String> names = new ArrayList<>(fields.count);
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < fields.count; i++) {
            String name = new String(chars, starts[i], ends[i] - starts[i]);
            if (name.isBlank()) {
                throw new DataException(file, line, null, "the header's field " + (i + 1) + " of " + fields.count
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

    /**
     * Only a row with the wrong number of fields can be skipped here: after bad quoting or a malformed byte
     * FastCSV's parser cannot be moved to the next line, so those stay fatal on this path (the byte-level
     * cursor, used for every ASCII delimiter, skips them).
     */
    @Override
    boolean skipRow() {
        boolean skippable = ragged;
        ragged = false;
        return skippable;
    }

    @Override
    boolean advance() {
        ragged = false;
        if (!fetch()) {
            return false;
        }
        int expected = header.size();
        if (fields.count != expected) {
            ragged = true;
            if (fields.count < expected) {
                throw new DataException(file, line, header.get(fields.count), "the row has " + fields.count
                        + (fields.count == 1 ? " field" : " fields") + ", expected " + expected
                        + " (as in the header): this column and the ones after it are missing");
            }
            throw new DataException(file, line, null, "the row has " + fields.count + " fields, expected "
                    + expected + " (as in the header); check the delimiter and the quoting of fields that contain it");
        }
        return true;
    }

    /** Reads one non-blank record into the buffers; false at the end of the file. */
    private boolean fetch() {
        try {
            if (!records.hasNext()) {
                return false;
            }
            records.next();
            line = fields.line;
            return true;
        } catch (UncheckedIOException | CsvParseException e) {
            throw translate(e);
        }
    }

    private DataException translate(final RuntimeException error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof TextInput.MalformedText malformed) {
                return malformed.toDataException();
            }
            if (cause instanceof DataException data) {
                return data;
            }
        }
        String detail = rootMessage(error);
        if (detail.startsWith("Unclosed quoted field")) {
            return new DataException(file, fields.line, null, "a quoted field starting on this line is never "
                    + "closed before the end of the file: the file may be truncated, or a quote inside a field is "
                    + "not doubled (\"\")", error);
        }
        if (detail.toLowerCase(java.util.Locale.ROOT).contains("quote")) {
            return new DataException(file, fields.line, null, "bad quoting (" + detail + "): a field that "
                    + "contains a quote, the delimiter or a line break must be quoted, with its quotes doubled",
                    error);
        }
        if (error instanceof UncheckedIOException) {
            return new DataException(file, fields.line, null, "cannot be read: " + detail, error);
        }
        return new DataException(file, fields.line, null, "is not valid CSV: " + detail, error);
    }

    private static String rootMessage(final Throwable error) {
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            // a reader close loses nothing
        }
        super.close();
    }

    /** Receives FastCSV's callbacks and fills the cursor's buffers. */
    private final class Fields extends CsvCallbackHandler<Object> {
        private RecordType type = RecordType.DATA;
        private int count;
        private int used;
        private long line;

        @Override
        protected RecordType getRecordType() {
            return type;
        }

        @Override
        protected int getFieldCount() {
            return count;
        }

        @Override
        protected void beginRecord(final long startingLine) {
            type = RecordType.DATA;
            count = 0;
            used = 0;
            line = startingLine;
        }

        @Override
        protected void addField(final char[] buffer, final int offset, final int length, final boolean quoted) {
            ensureColumns(count + 1);
            starts[count] = append(used, buffer, offset, length);
            used += length;
            ends[count] = used;
            count++;
        }

        @Override
        protected void setComment(final char[] buffer, final int offset, final int length) {
            type = RecordType.COMMENT;
        }

        @Override
        protected void setEmpty() {
            type = RecordType.EMPTY;
        }

        @Override
        protected Object buildRecord() {
            return this;
        }
    }
}
