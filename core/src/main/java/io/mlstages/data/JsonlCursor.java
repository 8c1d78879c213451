package io.mlstages.data;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.Texts;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * JSON Lines rows through Jackson's streaming parser: one token at a time, no tree per line. Nested objects are
 * flattened to dotted names ({@code {"a":{"b":1}}} gives column {@code a.b}); arrays are refused; a null, an empty
 * string or an absent key is a missing cell. Columns are numbered in the order their keys first appear.
 */
final class JsonlCursor extends RowCursor {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final char[] TRUE = {'t', 'r', 'u', 'e'};
    private static final char[] FALSE = {'f', 'a', 'l', 's', 'e'};
    /** Skip mode's longest line, as the CSV reader's longest row: longer is a file that is not JSON Lines. */
    static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    private final Path file;
    private final TextInput input;
    /** The parser: one over the whole stream, or in skip mode one per line. */
    @CheckForNull private JsonParser parser;
    /** Skip mode: each line is parsed on its own, so that a bad line does not stop the next. */
    private final boolean lenient;
    /** Skip mode: the decoded bytes, cut into lines here. */
    @CheckForNull private final InputStream in;
    @CheckForNull private final byte[] chunk;
    private int chunkPos;
    private int chunkLimit;
    private boolean chunkEof;
    private byte[] lineBytes;
    private int lineLength;
    /** Skip mode: the line was longer than {@link #MAX_LINE_BYTES}; only its start is kept. */
    private boolean lineTooLong;
    private long lineNumber;
    /** What to add to the parser's line numbers: 0 over the whole stream, the line's own number minus 1 per line. */
    private long lineOffset;
    /** The last error was a read error, not a bad line. */
    private boolean fatal;
    /** Key paths resolved through nested maps, so that a nested key costs no string concatenation per row. */
    private final Name root = new Name("");
    private final List<String> names = new ArrayList<>();
    private final List<String> view = Collections.unmodifiableList(names);
    /** The key paths of the columns, in column order. */
    private final List<Name> added = new ArrayList<>();
    /** Columns by dotted name: {"a":{"b":1}} and {"a.b":1} are the same column. */
    private final Map<String, Integer> byPath = new HashMap<>();
    @CheckForNull private String frozen;
    private int used;
    private long lastLine;

    JsonlCursor(final Path file, final TextInput input) {
        this(file, input, false);
    }

    /** A cursor that, when {@code lenient}, parses line by line so that {@link #skipRow()} can go on. */
    JsonlCursor(final Path file, final TextInput input, final boolean lenient) {
        this.file = file;
        this.input = input;
        this.lenient = lenient;
        if (lenient) {
            this.in = input.bytes();
            this.chunk = new byte[64 * 1024];
            this.lineBytes = new byte[1024];
            return;
        }
        this.in = null;
        this.chunk = null;
        try {
            this.parser = FACTORY.createParser(input.bytes());
        } catch (IOException e) {
            throw new DataException(file, 0, null, "cannot be read: " + e.getMessage(), e);
        }
    }

    /** In skip mode every line stands alone, so any bad line can be skipped; a read error cannot. */
    @Override
    boolean skipRow() {
        boolean skippable = lenient && !fatal;
        fatal = false;
        return skippable;
    }

    /** Skip mode: makes the parser read the next line that is not blank; false at the end of the file. */
    private boolean nextLineParser() throws IOException {
        while (readLine()) {
            lineNumber++;
            int from = 0;
            if (lineNumber == 1 && lineLength >= 3 && lineBytes[0] == (byte) 0xEF && lineBytes[1] == (byte) 0xBB
                    && lineBytes[2] == (byte) 0xBF) {
                from = 3;
            }
            int to = lineLength;
            while (to > from && (lineBytes[to - 1] == ' ' || lineBytes[to - 1] == '\t' || lineBytes[to - 1] == '\r')) {
                to--;
            }
            while (from < to && (lineBytes[from] == ' ' || lineBytes[from] == '\t')) {
                from++;
            }
            if (from == to) {
                continue; // a blank line, as the stream parser skips it
            }
            if (parser != null) {
                parser.close();
            }
            line = lineNumber;
            lineOffset = lineNumber - 1;
            if (lineTooLong) {
                parser = null;
                throw new DataException(file, lineNumber, null, "the line is longer than " + MAX_LINE_BYTES
                        + " bytes: expected one JSON object per line");
            }
            parser = FACTORY.createParser(lineBytes, from, to - from);
            return true;
        }
        return false;
    }

    /** Skip mode: reads the next line, without its LF, into {@link #lineBytes}; false at the end of the file. */
    private boolean readLine() throws IOException {
        InputStream in = Objects.requireNonNull(this.in, "skip mode's input");
        byte[] chunk = Objects.requireNonNull(this.chunk, "skip mode's buffer");
        lineLength = 0;
        lineTooLong = false;
        boolean any = false;
        while (true) {
            if (chunkPos == chunkLimit) {
                int n = chunkEof ? -1 : in.read(chunk, 0, chunk.length);
                if (n < 0) {
                    chunkEof = true;
                    return any;
                }
                chunkPos = 0;
                chunkLimit = n;
            }
            any = true;
            int start = chunkPos;
            while (chunkPos < chunkLimit && chunk[chunkPos] != '\n') {
                chunkPos++;
            }
            int length = chunkPos - start;
            if (lineLength + length > MAX_LINE_BYTES) {
                lineTooLong = true;
            } else {
                if (lineLength + length > lineBytes.length) {
                    lineBytes = Arrays.copyOf(lineBytes, Math.max(2 * lineBytes.length, lineLength + length));
                }
                System.arraycopy(chunk, start, lineBytes, lineLength, length);
                lineLength += length;
            }
            if (chunkPos < chunkLimit) {
                chunkPos++; // the LF
                return true;
            }
        }
    }

    /** The file's line of the parser's current token. */
    private long tokenLine() {
        return Objects.requireNonNull(parser, "a line to parse").currentTokenLocation().getLineNr() + lineOffset;
    }

    /** Declares the columns up front (from a given schema), in that order. */
    void declare(final List<String> columns) {
        for (String column : columns) {
            // a declared "a.b" also matches {"a":{"b":..}}: nested names resolve through byPath
            Name name = root.child(column);
            if (name.column < 0 && !byPath.containsKey(column)) {
                addColumn(name);
            }
        }
    }

    @Override
    void freeze(final String reason) {
        frozen = reason;
    }

    @Override
    List<String> columns() {
        return view;
    }

    @Override
    TextInput input() {
        return input;
    }

    @Override
    boolean advance() {
        int known = names.size();
        try {
            return read();
        } catch (DataException e) {
            if (lenient) {
                forget(known); // a skipped line leaves no column behind
            }
            throw e;
        }
    }

    /** Drops the columns added after the first {@code known}: their line was malformed. */
    private void forget(final int known) {
        while (names.size() > known) {
            Name name = added.remove(added.size() - 1);
            name.column = -1;
            byPath.remove(name.path);
            names.remove(names.size() - 1);
        }
    }

    private boolean read() {
        try {
            if (lenient && !nextLineParser()) {
                return false;
            }
            JsonParser parser = Objects.requireNonNull(this.parser, "a line to parse"); // set by now in both modes
            JsonToken token = parser.nextToken();
            if (token == null) {
                return false;
            }
            line = tokenLine();
            if (token != JsonToken.START_OBJECT) {
                throw new DataException(file, line, null, "the line holds " + describe(token)
                        + ", expected a JSON object (one object per line)");
            }
            if (line == lastLine) {
                throw new DataException(file, line, null, "a second JSON value starts on this line, expected "
                        + "one object per line");
            }
            used = 0;
            Arrays.fill(starts, 0, names.size(), -1);
            readObject(root);
            lastLine = parser.currentLocation().getLineNr() + lineOffset;
            if (lenient && parser.nextToken() != null) {
                throw new DataException(file, line, null, "a second JSON value starts on this line, expected "
                        + "one object per line");
            }
            return true;
        } catch (StreamConstraintsException e) {
            throw new DataException(file, line(e), null, "is too large for the JSON reader: "
                    + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage();
            if (message != null && message.contains("UTF-8")) {
                throw new DataException(file, line(e), null, "is not valid UTF-8 (" + firstLine(message)
                        + "): expected UTF-8 text; convert the file, for example with iconv -f LATIN1 -t UTF-8", e);
            }
            throw new DataException(file, line(e), null, "is not valid JSON (" + firstLine(message)
                    + "): expected one JSON object per line", e);
        } catch (IOException e) {
            fatal = true;
            throw new DataException(file, line, null, "cannot be read: " + e.getMessage(), e);
        }
    }

    private long line(final JsonProcessingException e) {
        return e.getLocation() != null && e.getLocation().getLineNr() > 0 ? e.getLocation().getLineNr() + lineOffset
                : line;
    }

    private static String firstLine(@CheckForNull final String message) {
        if (message == null) {
            return "unknown problem";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private void readObject(final Name parent) throws IOException {
        JsonParser parser = Objects.requireNonNull(this.parser, "a line to parse");
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_OBJECT) {
            if (token == null) {
                throw new DataException(file, line, null, "the object is not closed at the end of the file: "
                        + "the file may be truncated");
            }
            Name name = parent.child(parser.currentName());
            token = parser.nextToken();
            switch (token) {
                case START_OBJECT:
                    readObject(name);
                    break;
                case START_ARRAY:
                    throw new DataException(file, tokenLine(), name.path,
                            "the value is an array, expected a scalar (number, string, boolean or null); "
                                    + "arrays cannot be profiled as one column");
                case VALUE_NULL:
                    set(name, TRUE, 0, 0);
                    break;
                case VALUE_TRUE:
                    set(name, TRUE, 0, TRUE.length);
                    break;
                case VALUE_FALSE:
                    set(name, FALSE, 0, FALSE.length);
                    break;
                case VALUE_STRING:
                case VALUE_NUMBER_INT:
                case VALUE_NUMBER_FLOAT:
                    set(name, parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
                    break;
                default:
                    throw new DataException(file, line, name.path, "unexpected " + describe(token));
            }
        }
    }

    private void set(final Name name, final char[] text, final int offset, final int length) {
        if (name.column < 0) {
            Integer existing = byPath.get(name.path);
            if (existing != null) {
                name.column = existing; // the same dotted name reached the other way (nested or flat)
            } else if (frozen != null) {
                throw new DataException(file, tokenLine(), name.path,
                        "a field that is not a column: " + frozen);
            } else {
                addColumn(name);
                starts[name.column] = -1;
            }
        }
        int column = name.column;
        if (starts[column] >= 0) {
            throw new DataException(file, tokenLine(), name.path,
                    "the object has this field twice (directly or through a nested object): names must be unique");
        }
        starts[column] = append(used, text, offset, length);
        used += length;
        ends[column] = used;
    }

    private void addColumn(final Name name) {
        name.column = names.size();
        added.add(name);
        names.add(name.path);
        byPath.put(name.path, name.column);
        ensureColumns(names.size());
    }

    private static String describe(final JsonToken token) {
        switch (token) {
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return Texts.quote(token.asString());
        }
    }

    @Override
    public void close() {
        try {
            if (parser != null) {
                parser.close();
            }
        } catch (IOException e) {
            // a reader close loses nothing
        }
        super.close();
    }

    /** A key path; its children are the keys of a nested object under it. */
    private static final class Name {
        private final String path;
        @CheckForNull private Map<String, Name> children;
        private int column = -1;

        Name(final String path) {
            this.path = path;
        }

        Name child(final String key) {
            if (children == null) {
                children = new HashMap<>();
            }
            Name child = children.get(key);
            if (child == null) {
                child = new Name(path.isEmpty() ? key : path + "." + key);
                children.put(key, child);
            }
            return child;
        }
    }
}
