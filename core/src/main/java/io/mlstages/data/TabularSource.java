package io.mlstages.data;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.Texts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@link RowSource} behind {@link DataReader#open}: fixes the schema (inferred from a bounded prefix, from a
 * first pass over the whole file, or given), then types each row as it is read. Every cell of a row is checked
 * in {@link #next()}, so a bad value fails where it is, whether or not the caller reads that column.
 */
final class TabularSource implements RowSource {
    /** How many columns a message lists before it abbreviates. */
    private static final int LISTED_COLUMNS = 40;

    private final Path file;
    private final Schema schema;
    final ColumnType[] types;
    /** Per column, why it has its type, for error messages. */
    final String[] origins;
    private final int width;
    private final RowCursor cursor;

    @CheckForNull private Prefix prefix;
    private int replayed;
    private boolean done;
    @CheckForNull private String sha256;
    private Runnable closing = () -> { };

    char[] chars;
    int[] starts;
    int[] ends;
    /** Which cells of the current row the cursor already parsed as numbers (null: none), and their values. */
    @CheckForNull boolean[] parsed;
    @CheckForNull double[] values;
    private final int[] replayStarts;
    private final int[] replayEnds;
    private long line;
    private boolean positioned;
    final boolean[] missing;
    final double[] numbers;
    final boolean[] bools;
    private final TextCache texts;
    /** Types rows for {@link #next()}; the pipeline copies it for its threads. */
    final RowTyper typer;
    /** What happens to malformed rows, and their count. */
    private final BadRowCounter bad;
    /** Rows handed out by {@link #next()}. */
    private long good;

    private TabularSource(final Path file, final RowCursor cursor, final Prefix prefix, final Schema schema,
            final String[] origins, final MissingTokens tokens, final BadRowCounter bad) {
        this.file = file;
        this.bad = bad;
        this.cursor = cursor;
        this.chars = cursor.chars; // no row yet: the cursor's (empty) buffers until nextRaw() moves
        this.starts = cursor.starts;
        this.ends = cursor.ends;
        this.prefix = prefix;
        this.schema = schema;
        this.origins = origins;
        this.width = schema.size();
        this.types = new ColumnType[width];
        for (int i = 0; i < width; i++) {
            types[i] = schema.column(i).type();
        }
        this.replayStarts = new int[width];
        this.replayEnds = new int[width];
        this.missing = new boolean[width];
        this.numbers = new double[width];
        this.bools = new boolean[width];
        this.texts = new TextCache(width);
        this.typer = new RowTyper(file, schema, origins, tokens);
        if (!tokens.anyPlainNumber()) {
            boolean[] numeric = new boolean[width];
            for (int i = 0; i < width; i++) {
                numeric[i] = types[i] == ColumnType.NUMERIC;
            }
            cursor.parseNumbers(numeric);
        }
    }

    /** Opens a file and fixes its schema; see {@link DataReader#open}. */
    static TabularSource open(final Path file, final ReadOptions options) {
        Format given = options.format();
        Format format = given != null ? given : Format.of(file);
        MissingTokens tokens = new MissingTokens(options.missing());
        RowCursor cursor = cursor(file, format, options);
        BadRowCounter bad = new BadRowCounter(file, options);
        try {
            if (options.schema() != null) {
                return given(file, format, cursor, options, tokens, bad);
            }
            if (options.inferRows() == 0) {
                return inferredFromWholeFile(file, format, cursor, options, tokens, bad);
            }
            return inferredFromPrefix(file, format, cursor, options, tokens, bad);
        } catch (RuntimeException e) {
            cursor.close();
            throw e;
        }
    }

    private static RowCursor cursor(final Path file, final Format format, final ReadOptions options) {
        TextInput input = TextInput.open(file, format == Format.JSONL ? "one JSON object per line"
                : "a header line naming the columns, then data rows");
        try {
            boolean lenient = options.onBadRows() == OnBadRows.SKIP;
            if (format == Format.JSONL) {
                return new JsonlCursor(file, input, lenient);
            }
            // the byte-level splitter gives the same rows and errors, faster; FastCSV stays for a delimiter that
            // is not ASCII, and on request (-Dmlstages.data.fastcsv=true) to compare the two
            boolean bytes = ByteCsvCursor.handles(options.delimiter()) && !Boolean.getBoolean("mlstages.data.fastcsv");
            RowCursor cursor = bytes
                    ? new ByteCsvCursor(file, input, options.delimiter())
                    : new CsvCursor(file, input, options.delimiter());
            if (lenient) {
                cursor.lenient();
            }
            return cursor;
        } catch (RuntimeException e) {
            input.close();
            throw e;
        }
    }

    private static TabularSource given(final Path file, final Format format, final RowCursor cursor,
            final ReadOptions options, final MissingTokens tokens, final BadRowCounter bad) {
        Schema given = Objects.requireNonNull(options.schema(), "a given schema");
        List<String> names;
        if (format == Format.JSONL) {
            ((JsonlCursor) cursor).declare(given.names());
            cursor.freeze("it is not in the schema; add it to the schema file");
            names = given.names();
        } else {
            names = cursor.columns();
            List<String> lacking = new ArrayList<>();
            for (String name : given.names()) {
                if (!names.contains(name)) {
                    lacking.add(name);
                }
            }
            Set<String> declared = new HashSet<>(given.names());
            List<String> extra = new ArrayList<>();
            for (String name : names) {
                if (!declared.contains(name)) {
                    extra.add(name);
                }
            }
            if (!lacking.isEmpty() || !extra.isEmpty()) {
                StringBuilder problem = new StringBuilder("the columns do not match the schema:");
                if (!lacking.isEmpty()) {
                    problem.append(" the schema names ").append(list(lacking)).append(" that the file lacks;");
                }
                if (!extra.isEmpty()) {
                    problem.append(" the file has ").append(list(extra)).append(" that the schema does not name;");
                }
                problem.append(" the file's columns are ").append(list(names));
                throw new DataException(file, 1, null, problem.toString());
            }
        }
        ColumnType[] types = new ColumnType[names.size()];
        String[] origins = new String[names.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = given.find(names.get(i)).orElseThrow().type();
            origins[i] = "declared " + types[i].label() + " in the schema";
        }
        override(file, names, types, origins, options.types());
        Prefix prefix = new Prefix();
        if (!bad.advance(cursor)) {
            throw noRows(file, format, bad);
        }
        prefix.add(cursor, names.size());
        return finish(file, format, cursor, prefix, names, types, origins, tokens, bad);
    }

    private static TabularSource inferredFromWholeFile(final Path file, final Format format, final RowCursor first,
            final ReadOptions options, final MissingTokens tokens, final BadRowCounter bad) {
        List<Guess> guesses = new ArrayList<>();
        NumberParser parser = new NumberParser();
        long rows = 0;
        // the bad rows are counted and logged on the second pass, which meets them again
        BadRowCounter firstPass = bad.silent();
        try (RowCursor pass = first) {
            while (firstPass.advance(pass)) {
                rows++;
                offer(pass, guesses, tokens, parser);
            }
            List<String> names = List.copyOf(pass.columns());
            if (rows == 0) {
                throw noRows(file, format, firstPass);
            }
            ColumnType[] types = new ColumnType[names.size()];
            String[] origins = new String[names.size()];
            for (int i = 0; i < types.length; i++) {
                types[i] = guesses.get(i).type();
                origins[i] = "inferred " + types[i].label() + " from the whole file";
            }
            override(file, names, types, origins, options.types());
            RowCursor cursor = cursor(file, format, options);
            try {
                if (format == Format.JSONL) {
                    ((JsonlCursor) cursor).declare(names);
                    cursor.freeze("it was not in the file when the schema was inferred (the file changed?)");
                }
                return finish(file, format, cursor, new Prefix(), names, types, origins, tokens, bad);
            } catch (RuntimeException e) {
                cursor.close();
                throw e;
            }
        }
    }

    private static TabularSource inferredFromPrefix(final Path file, final Format format, final RowCursor cursor,
            final ReadOptions options, final MissingTokens tokens, final BadRowCounter bad) {
        List<Guess> guesses = new ArrayList<>();
        NumberParser parser = new NumberParser();
        Prefix prefix = new Prefix();
        int limit = options.inferRows();
        boolean exhausted = false;
        while (prefix.rows() < limit && !prefix.full()) {
            if (!bad.advance(cursor)) {
                exhausted = true;
                break;
            }
            offer(cursor, guesses, tokens, parser);
            prefix.add(cursor, cursor.columns().size());
        }
        if (prefix.rows() == 0) {
            throw noRows(file, format, bad);
        }
        List<String> names = List.copyOf(cursor.columns());
        String scope = exhausted ? "from the whole file" : "from the first " + prefix.rows() + " rows";
        cursor.freeze("it first appears after the first " + prefix.rows() + " rows, from which the columns were "
                + "inferred;"
                + " infer from the whole file with --infer-rows 0, or give a schema with --schema FILE");
        ColumnType[] types = new ColumnType[names.size()];
        String[] origins = new String[names.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = guesses.get(i).type();
            origins[i] = "inferred " + types[i].label() + " " + scope;
        }
        override(file, names, types, origins, options.types());
        return finish(file, format, cursor, prefix, names, types, origins, tokens, bad);
    }

    private static TabularSource finish(final Path file, final Format format, final RowCursor cursor,
            final Prefix prefix, final List<String> names, final ColumnType[] types, final String[] origins,
            final MissingTokens tokens, final BadRowCounter bad) {
        List<Column> columns = new ArrayList<>(names.size());
        for (int i = 0; i < types.length; i++) {
            columns.add(new Column(names.get(i), types[i]));
        }
        return new TabularSource(file, cursor, prefix, new Schema(columns), origins, tokens, bad);
    }

    private static DataException noRows(final Path file, final Format format, final BadRowCounter bad) {
        if (bad.count() > 0) {
            return bad.allBad();
        }
        return format == Format.CSV
                ? new DataException(file, 0, null, "has a header but no rows: expected at least one data row")
                : new DataException(file, 0, null, "has no JSON objects: expected one JSON object per line");
    }

    /** Applies the user's per-column types, refusing names the file does not have. */
    private static void override(final Path file, final List<String> names, final ColumnType[] types,
            final String[] origins, final Map<String, ColumnType> overrides) {
        for (Map.Entry<String, ColumnType> entry : overrides.entrySet()) {
            int index = names.indexOf(entry.getKey());
            if (index < 0) {
                throw new DataException(file, 0, entry.getKey(), "--type names a column the file does not have;"
                        + " the columns are " + list(names));
            }
            types[index] = entry.getValue();
            origins[index] = "declared " + entry.getValue().label() + " with --type " + entry.getKey() + "="
                    + entry.getValue().label();
        }
    }

    private static void offer(final RowCursor cursor, final List<Guess> guesses, final MissingTokens tokens,
            final NumberParser parser) {
        int columns = cursor.columns().size();
        while (guesses.size() < columns) {
            guesses.add(new Guess());
        }
        char[] chars = cursor.chars;
        for (int i = 0; i < columns; i++) {
            Guess guess = guesses.get(i);
            int start = cursor.starts[i];
            if (start < 0 || guess.settled()) {
                continue;
            }
            int end = cursor.ends[i];
            while (start < end && blank(chars[start])) {
                start++;
            }
            while (end > start && blank(chars[end - 1])) {
                end--;
            }
            if (!tokens.matches(chars, start, end)) {
                guess.offer(chars, start, end, parser);
            }
        }
    }

    private static String list(final List<String> names) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < names.size() && i < LISTED_COLUMNS; i++) {
            text.append(i == 0 ? "" : ", ").append(Texts.quote(names.get(i)));
        }
        if (names.size() > LISTED_COLUMNS) {
            text.append(" and ").append(names.size() - LISTED_COLUMNS).append(" more");
        }
        return text.toString();
    }

    private static boolean blank(final char c) {
        return RowTyper.blank(c);
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public boolean next() {
        while (true) {
            if (!nextRaw()) {
                bad.checkShare(good);
                return false;
            }
            try {
                typer.type(chars, starts, ends, 0, missing, numbers, bools, 0, line, parsed, values);
            } catch (DataException e) {
                bad.skipOrThrow(e);
                continue;
            }
            good++;
            return true;
        }
    }

    /** Whether malformed rows are skipped, in which case the rows are typed on the caller's thread. */
    boolean skipsBadRows() {
        return bad.skips();
    }

    /**
     * Moves to the next row without typing it: its raw cells are then in {@link #chars}, {@link #starts} and
     * {@link #ends}, and its line in {@link #line()}.
     */
    boolean nextRaw() {
        if (done) {
            return false;
        }
        if (prefix != null) {
            if (replayed < prefix.rows()) {
                chars = prefix.chars();
                starts = replayStarts;
                ends = replayEnds;
                line = prefix.load(replayed++, replayStarts, replayEnds, width);
                parsed = null;
                values = null;
                positioned = true;
                return true;
            }
            prefix = null; // the prefix is no longer needed: let it go
        }
        if (!bad.advance(cursor)) {
            done = true;
            positioned = false;
            return false;
        }
        chars = cursor.chars;
        starts = cursor.starts;
        ends = cursor.ends;
        parsed = cursor.parsed;
        values = cursor.values;
        line = cursor.line;
        positioned = true;
        return true;
    }

    @Override
    public long line() {
        return line;
    }

    /** Makes {@link #chars} hold every cell of the current row (the cursor may leave out cells it parsed). */
    void fillChars() {
        if (parsed != null) {
            cursor.fillChars();
        }
    }

    @Override
    public boolean isMissing(final int column) {
        checkRow();
        return missing[column];
    }

    @Override
    public double number(final int column) {
        checkRow();
        checkPresent(column);
        if (types[column] == ColumnType.NUMERIC) {
            return numbers[column];
        }
        return typer.number(chars, starts[column], ends[column], line, column);
    }

    @Override
    public boolean bool(final int column) {
        checkRow();
        checkPresent(column);
        if (types[column] == ColumnType.BOOLEAN) {
            return bools[column];
        }
        fillChars();
        return typer.bool(chars, starts[column], ends[column], line, column);
    }

    private void checkPresent(final int column) {
        if (missing[column]) {
            throw new IllegalStateException("column '" + schema.column(column).name() + "' is missing on line "
                    + line + ": check isMissing first");
        }
    }

    @Override
    public String text(final int column) {
        checkRow();
        if (parsed != null && parsed[column]) {
            fillChars();
        }
        int start = starts[column];
        return start < 0 ? "" : texts.text(column, chars, start, ends[column]);
    }

    private void checkRow() {
        if (!positioned) {
            throw new IllegalStateException("no current row: call next() first and check that it returned true");
        }
    }

    @Override
    public long position() {
        return cursor.input().position();
    }

    @Override
    public long size() {
        return cursor.input().size();
    }

    /** The SHA-256 computed while reading, or null when the file was not read to its end. */
    @CheckForNull
    String sha256IfRead() {
        return done && cursor.input().atEnd() ? sha256() : null;
    }

    @Override
    public String sha256() {
        if (sha256 == null) {
            sha256 = done && cursor.input().atEnd() ? cursor.input().sha256() : TextInput.sha256(file);
        }
        return sha256;
    }

    /** Runs {@code action} when the source is closed (once). */
    void onClose(final Runnable action) {
        closing = action;
    }

    @Override
    public void close() {
        closing.run();
        cursor.close();
    }

    /** What the values of one column seen so far allow it to be. */
    static final class Guess {
        private boolean seen;
        private boolean number = true;
        private boolean bool = true;

        boolean settled() {
            return seen && !number && !bool;
        }

        void offer(final char[] chars, final int start, final int end, final NumberParser parser) {
            seen = true;
            if (bool && !strictBool(chars, start, end)) {
                bool = false;
            }
            if (number) {
                parser.parse(chars, start, end);
                number = parser.valid();
            }
        }

        /**
         * Boolean only when every value is true or false (any case): yes/no or t/f could as well be labels, and
         * 0/1 is numeric, so inference does not guess them. A column declared boolean accepts them.
         */
        ColumnType type() {
            if (!seen) {
                // all missing: categorical accepts whatever comes later, so it never fails a stream
                return ColumnType.CATEGORICAL;
            }
            if (bool) {
                return ColumnType.BOOLEAN;
            }
            return number ? ColumnType.NUMERIC : ColumnType.CATEGORICAL;
        }

        private static boolean strictBool(final char[] chars, final int start, final int end) {
            int length = end - start;
            return (length == 4 || length == 5) && bool(chars, start, end) >= 0
                    && ((chars[start] | 0x20) == 't' || (chars[start] | 0x20) == 'f');
        }

        /** 1 for true, 0 for false, -1 when the text is not a boolean word. */
        static int bool(final char[] chars, final int start, final int end) {
            switch (end - start) {
                case 1:
                    switch (chars[start] | 0x20) {
                        case 't': case 'y': return 1;
                        case 'f': case 'n': return 0;
                        default:
                            return chars[start] == '1' ? 1 : chars[start] == '0' ? 0 : -1;
                    }
                case 2:
                    return word(chars, start, "no") ? 0 : -1;
                case 3:
                    return word(chars, start, "yes") ? 1 : -1;
                case 4:
                    return word(chars, start, "true") ? 1 : -1;
                case 5:
                    return word(chars, start, "false") ? 0 : -1;
                default:
                    return -1;
            }
        }

        private static boolean word(final char[] chars, final int start, final String lower) {
            for (int k = 0; k < lower.length(); k++) {
                if ((chars[start + k] | 0x20) != lower.charAt(k)) {
                    return false;
                }
            }
            return true;
        }
    }
}
