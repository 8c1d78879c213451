package io.mlstages.data;

import io.mlstages.Texts;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON Lines rows through Jackson's streaming parser: one token at a time, no tree per line. Nested objects are
 * flattened to dotted names ({@code {"a":{"b":1}}} gives column {@code a.b}); arrays are refused; a null, an empty
 * string or an absent key is a missing cell. Columns are numbered in the order their keys first appear.
 */
final class JsonlCursor extends RowCursor {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final char[] TRUE = {'t', 'r', 'u', 'e'};
    private static final char[] FALSE = {'f', 'a', 'l', 's', 'e'};

    private final Path file;
    private final TextInput input;
    private final JsonParser parser;
    /** Key paths resolved through nested maps, so that a nested key costs no string concatenation per row. */
    private final Name root = new Name("");
    private final List<String> names = new ArrayList<>();
    private final List<String> view = Collections.unmodifiableList(names);
    /** Columns by dotted name: {"a":{"b":1}} and {"a.b":1} are the same column. */
    private final Map<String, Integer> byPath = new HashMap<>();
    private String frozen;
    private int used;
    private long lastLine;

    JsonlCursor(final Path file, final TextInput input) {
        this.file = file;
        this.input = input;
        try {
            this.parser = FACTORY.createParser(input.bytes());
        } catch (IOException e) {
            throw new DataException(file, 0, null, "cannot be read: " + e.getMessage(), e);
        }
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
        try {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return false;
            }
            line = parser.currentTokenLocation().getLineNr();
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
            lastLine = parser.currentLocation().getLineNr();
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
            throw new DataException(file, line, null, "cannot be read: " + e.getMessage(), e);
        }
    }

    private long line(final JsonProcessingException e) {
        return e.getLocation() != null && e.getLocation().getLineNr() > 0 ? e.getLocation().getLineNr() : line;
    }

    private static String firstLine(final String message) {
        if (message == null) {
            return "unknown problem";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private void readObject(final Name parent) throws IOException {
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
                    throw new DataException(file, parser.currentTokenLocation().getLineNr(), name.path,
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
                throw new DataException(file, parser.currentTokenLocation().getLineNr(), name.path,
                        "a field that is not a column: " + frozen);
            } else {
                addColumn(name);
                starts[name.column] = -1;
            }
        }
        int column = name.column;
        if (starts[column] >= 0) {
            throw new DataException(file, parser.currentTokenLocation().getLineNr(), name.path,
                    "the object has this field twice (directly or through a nested object): names must be unique");
        }
        starts[column] = append(used, text, offset, length);
        used += length;
        ends[column] = used;
    }

    private void addColumn(final Name name) {
        name.column = names.size();
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
            parser.close();
        } catch (IOException e) {
            // a reader close loses nothing
        }
        super.close();
    }

    /** A key path; its children are the keys of a nested object under it. */
    private static final class Name {
        private final String path;
        private Map<String, Name> children;
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
