package io.mlstages.data;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.Texts;
import org.apache.parquet.VersionParser;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * The {@link RowSource} over one or more Parquet files read as one dataset (the parts of a folder, in name order).
 * Types come from the Parquet schema; only the columns asked for ({@link ReadOptions#columns()}) are read, one row
 * group at a time and within it one page per column at a time, so memory does not grow with the file. The first
 * part fixes the columns; every later part must have them with the same types.
 */
final class ParquetSource implements RowSource {
    private static final int LISTED_COLUMNS = 40;
    /** Read buffers of all columns when a row group is read by row: 16 MB gives 1,000 columns 16 KB each. */
    private static final long BUFFER_BUDGET_BYTES = 16L << 20;
    private static final int MIN_BUFFER_BYTES = 16 * 1024;

    private final Path dataset;
    private final List<ParquetPart> parts;
    private final Schema schema;
    private final ParquetColumn[] columns;
    private final ColumnType[] types;
    private final List<String> warnings;
    /** Trimmed missing-value tokens, for text; and the numbers among them, for numeric values. */
    private final Set<String> missingTexts;
    private final Set<Double> missingNumbers;
    private final boolean nanMissing;
    private final NumberParser parser = new NumberParser();
    private final java.util.function.Predicate<String> missingText = this::isMissingText;

    final boolean[] missing;
    final double[] numbers;
    final boolean[] bools;
    /** The current row's text of categorical columns (null where not typed yet). */
    final String[] texts;

    private int partIndex = -1;
    @CheckForNull private SeekableByteChannel channel;
    @CheckForNull private ParquetMetadata footer;
    private ColumnDescriptor[] descriptors;
    private ParquetValues[] readers;
    @CheckForNull private VersionParser.ParsedVersion writer;
    private int group;
    private long rowsLeft;
    private long rowInPart;
    private long rowsInPart;
    private boolean positioned;
    private long partsDoneBytes;
    private long partBytes;
    /** The bytes of the column chunks of this part read so far, when reading by column. */
    private long chunkBytesDone;
    private long size = -1;
    @CheckForNull private String sha256;

    private ParquetSource(final Path dataset, final List<ParquetPart> parts, final Schema schema,
            final ParquetColumn[] columns, final List<String> warnings, final Set<String> missingTokens) {
        this.dataset = dataset;
        this.parts = List.copyOf(parts);
        this.schema = schema;
        this.columns = columns;
        this.warnings = List.copyOf(warnings);
        this.types = new ColumnType[columns.length];
        for (int i = 0; i < columns.length; i++) {
            types[i] = schema.column(i).type();
        }
        Set<String> tokens = new java.util.HashSet<>();
        Set<Double> numeric = new java.util.HashSet<>();
        NumberParser tokenParser = new NumberParser();
        for (String token : missingTokens) {
            String trimmed = trim(token);
            tokens.add(trimmed);
            double value = tokenParser.parse(trimmed.toCharArray(), 0, trimmed.length());
            if (tokenParser.valid() && !Double.isNaN(value)) {
                numeric.add(value);
            }
        }
        this.missingTexts = tokens;
        this.missingNumbers = numeric;
        this.nanMissing = tokens.contains("NaN") || tokens.contains("nan");
        this.missing = new boolean[columns.length];
        this.numbers = new double[columns.length];
        this.bools = new boolean[columns.length];
        this.texts = new String[columns.length];
        this.descriptors = new ColumnDescriptor[0];
        this.readers = new ParquetValues[0];
    }

    /**
     * Opens the parts as one dataset and fixes its columns from the first part's schema.
     *
     * @throws DataException naming the part and column: not Parquet, truncated, a nested or unsupported column
     *                       that is to be read, a column asked for that the file lacks
     */
    static ParquetSource open(final Path dataset, final List<ParquetPart> parts, final ReadOptions options) {
        if (parts.isEmpty()) {
            throw new DataException(dataset, 0, null, "holds no Parquet files (*.parquet): expected a Parquet file "
                    + "or a folder of Parquet part files");
        }
        ParquetPart first = parts.get(0);
        MessageType fileSchema;
        try (SeekableByteChannel opened = first.opener().open()) {
            fileSchema = ParquetFooter.read(first, opened).getFileMetaData().getSchema();
        } catch (java.nio.file.NoSuchFileException e) {
            throw new DataException(first.name(), 0, null, "no such file");
        } catch (IOException e) {
            throw new DataException(first.name(), 0, null, "cannot be read: " + e.getMessage(), e);
        }
        Set<String> wanted = new LinkedHashSet<>(options.columns());
        Schema given = options.schema();
        if (wanted.isEmpty() && given != null) {
            wanted.addAll(given.names());
        }
        List<String> names = new ArrayList<>();
        for (Type field : fileSchema.getFields()) {
            names.add(field.getName());
        }
        for (String name : wanted) {
            if (!names.contains(name)) {
                throw new DataException(first.name(), 0, name, (given != null && given.indexOf(name) >= 0
                        ? "the schema names a column the file does not have" : "is not a column of the file")
                        + "; its columns are " + list(names));
            }
        }
        List<ParquetColumn> read = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Type field : fileSchema.getFields()) {
            StringBuilder why = new StringBuilder();
            ParquetColumn column = ParquetColumn.of(field, why);
            boolean asked = wanted.isEmpty() || wanted.contains(field.getName());
            if (column == null && asked) {
                throw new DataException(first.name(), 0, field.getName(), "is " + why + ", which cannot be read as "
                        + "one column" + (wanted.isEmpty() ? "; name the columns to read to leave it out (drift's "
                        + "and profile's --columns, train's --features)" : ""));
            }
            if (column == null) {
                warnings.add(first.name() + ": column " + Texts.quote(field.getName()) + " is " + why
                        + ": left out (it is not among the columns to read)");
            } else if (asked) {
                read.add(column);
            }
        }
        if (read.isEmpty()) {
            throw new DataException(first.name(), 0, null, "has no column that can be read; its columns are "
                    + list(names));
        }
        List<String> readNames = new ArrayList<>();
        for (ParquetColumn column : read) {
            readNames.add(column.name);
        }
        List<Column> typed = new ArrayList<>();
        for (ParquetColumn column : read) {
            ColumnType type = column.kind.natural;
            if (given != null) {
                type = given.find(column.name).map(Column::type).orElse(type);
            }
            type = options.types().getOrDefault(column.name, type);
            typed.add(new Column(column.name, type));
        }
        for (String name : options.types().keySet()) {
            if (!readNames.contains(name)) {
                throw new DataException(first.name(), 0, name, "--type names a column "
                        + (names.contains(name) ? "that is not read (it is not among --columns)"
                        : "the file does not have") + "; the columns are " + list(names));
            }
        }
        Map<String, ColumnConstraints> constraints = new HashMap<>();
        if (given != null) {
            for (String name : readNames) {
                constraints.put(name, given.constraintsOf(name));
            }
        }
        Schema schema = new Schema(typed, constraints);
        ParquetSource source = new ParquetSource(dataset, parts, schema, read.toArray(new ParquetColumn[0]),
                warnings, options.missing());
        try {
            source.nextPart();
            if (parts.size() == 1 && source.rowsInPart == 0) {
                throw new DataException(first.name(), 0, null, "has no rows: expected at least one row");
            }
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
        return source;
    }

    /** The parts of a dataset path: the file itself, or a folder's {@code *.parquet} files in name order. */
    static List<ParquetPart> parts(final Path path) {
        if (!java.nio.file.Files.isDirectory(path)) {
            return List.of(ParquetPart.of(path));
        }
        List<Path> files = new ArrayList<>();
        try (java.util.stream.Stream<Path> listed = java.nio.file.Files.list(path)) {
            listed.filter(java.nio.file.Files::isRegularFile).filter(ParquetSource::isPartName).forEach(files::add);
        } catch (IOException e) {
            throw new DataException(path, 0, null, "cannot be listed: " + e.getMessage(), e);
        }
        files.sort(java.util.Comparator.comparing(p -> String.valueOf(p.getFileName())));
        List<ParquetPart> parts = new ArrayList<>();
        for (Path file : files) {
            parts.add(ParquetPart.of(file));
        }
        return parts;
    }

    /** A part file: {@code *.parquet}, not hidden and not a marker such as Spark's {@code _SUCCESS}. */
    private static boolean isPartName(final Path file) {
        String name = String.valueOf(file.getFileName());
        return !name.startsWith(".") && !name.startsWith("_")
                && name.toLowerCase(java.util.Locale.ROOT).endsWith(".parquet");
    }

    @Override
    public List<String> warnings() {
        return warnings;
    }

    /** Closes the current part and opens the next; false after the last. */
    private boolean nextPart() {
        closeChannel();
        partsDoneBytes += partBytes;
        partBytes = 0;
        chunkBytesDone = 0;
        if (++partIndex >= parts.size()) {
            return false;
        }
        ParquetPart part = parts.get(partIndex);
        try {
            SeekableByteChannel opened = part.opener().open();
            channel = opened;
            partBytes = opened.size();
            ParquetMetadata read = ParquetFooter.read(part, opened);
            footer = read;
            MessageType fileSchema = read.getFileMetaData().getSchema();
            descriptors = new ColumnDescriptor[columns.length];
            for (int i = 0; i < columns.length; i++) {
                descriptors[i] = descriptor(part, fileSchema, columns[i]);
            }
            writer = version(read.getFileMetaData().getCreatedBy());
            group = -1;
            rowInPart = 0;
            rowsInPart = 0;
            for (BlockMetaData block : read.getBlocks()) {
                rowsInPart += block.getRowCount();
            }
            rowsLeft = 0;
            return true;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new DataException(part.name(), 0, null, "no such file");
        } catch (IOException e) {
            throw new DataException(part.name(), 0, null, "cannot be read: " + e.getMessage(), e);
        }
    }

    /** The column of a later part, which must have the first part's type. */
    private ColumnDescriptor descriptor(final ParquetPart part, final MessageType fileSchema,
            final ParquetColumn column) {
        if (!fileSchema.containsField(column.name)) {
            throw new DataException(part.name(), 0, column.name, "is missing from this part: the parts of a dataset "
                    + "must have the same columns (the first part, " + parts.get(0).name() + ", has it)");
        }
        Type field = fileSchema.getType(column.name);
        ParquetColumn here = ParquetColumn.of(field, new StringBuilder());
        if (here == null || here.kind != column.kind) {
            throw new DataException(part.name(), 0, column.name, "is " + (here == null ? field.toString().trim()
                    : here.kind.label) + " in this part but " + column.kind.label + " in the first part ("
                    + parts.get(0).name() + "): the parts of a dataset must have the same column types");
        }
        return fileSchema.getColumnDescription(new String[] {column.name});
    }

    @CheckForNull
    private static VersionParser.ParsedVersion version(@CheckForNull final String createdBy) {
        if (createdBy == null) {
            return null;
        }
        try {
            return VersionParser.parse(createdBy);
        } catch (VersionParser.VersionParseException | RuntimeException e) {
            return null; // only files of old parquet-mr versions need it, and they say so parseably
        }
    }

    /** Moves to the next row group that has rows, in this part or the next; false at the end of the data. */
    private boolean nextGroup() {
        BlockMetaData block = nextBlock();
        if (block == null) {
            return false;
        }
        openGroup(block);
        return true;
    }

    /** The next row group that has rows, in this part or the next, not yet opened; null at the end of the data. */
    @CheckForNull
    private BlockMetaData nextBlock() {
        while (true) {
            ParquetMetadata read = footer;
            if (read != null && group + 1 < read.getBlocks().size()) {
                group++;
                BlockMetaData block = read.getBlocks().get(group);
                if (block.getRowCount() > 0) {
                    return block;
                }
                continue;
            }
            if (!nextPart()) {
                return null;
            }
        }
    }

    private void openGroup(final BlockMetaData block) {
        Map<ColumnPath, ColumnChunkMetaData> chunks = chunks(block);
        // every column's pages are held at once: share a budget of read buffers among them
        int buffer = (int) Math.max(MIN_BUFFER_BYTES, Math.min(ParquetPages.BUFFER_BYTES,
                BUFFER_BUDGET_BYTES / Math.max(1, columns.length)));
        readers = new ParquetValues[columns.length];
        for (int i = 0; i < columns.length; i++) {
            readers[i] = reader(i, chunks, buffer);
        }
        rowsLeft = block.getRowCount();
    }

    private static Map<ColumnPath, ColumnChunkMetaData> chunks(final BlockMetaData block) {
        Map<ColumnPath, ColumnChunkMetaData> chunks = new HashMap<>();
        for (ColumnChunkMetaData chunk : block.getColumns()) {
            chunks.put(chunk.getPath(), chunk);
        }
        return chunks;
    }

    private ParquetValues reader(final int i, final Map<ColumnPath, ColumnChunkMetaData> chunks, final int buffer) {
        ColumnChunkMetaData chunk = chunks.get(ColumnPath.get(columns[i].name));
        if (chunk == null) {
            throw damaged(i, "its row group " + (group + 1) + " has no chunk of this column", null);
        }
        SeekableByteChannel open = java.util.Objects.requireNonNull(channel, "an open part");
        try {
            return ParquetValues.of(descriptors[i], new ParquetPages(open, chunk, buffer), chunk, columns[i], writer);
        } catch (IOException | RuntimeException e) {
            throw damaged(i, "row group " + (group + 1) + ": " + message(e), e);
        }
    }

    /**
     * Reads the rest of the data column by column within each row group: only one column chunk is open at a time,
     * so memory holds one column's pages, not a page of every column (a row group of 1,000 columns of 122,880
     * doubles is about 1 GB decoded). Falls back (-1) when a caller has begun a row group by rows.
     */
    @Override
    public long readByColumn(final IntConsumer cell) {
        if (rowsLeft > 0) {
            return -1;
        }
        long read = 0;
        BlockMetaData block;
        while ((block = nextBlock()) != null) {
            Map<ColumnPath, ColumnChunkMetaData> chunks = chunks(block);
            long rows = block.getRowCount();
            long first = rowInPart;
            for (int i = 0; i < columns.length; i++) {
                ParquetValues reader = reader(i, chunks, ParquetPages.BUFFER_BYTES);
                rowInPart = first;
                positioned = true;
                for (long r = 0; r < rows; r++) {
                    rowInPart++;
                    read(i, reader);
                    cell.accept(i);
                }
                positioned = false;
                chunkBytesDone += chunks.get(ColumnPath.get(columns[i].name)).getTotalSize();
            }
            read += rows;
        }
        return read;
    }

    private DataException damaged(final int column, final String problem, @CheckForNull final Throwable cause) {
        Path part = parts.get(partIndex).name();
        String text = "cannot be decoded (" + problem + "): the file is damaged or truncated";
        if (cause instanceof ParquetPages.UnsupportedCodec
                || cause != null && cause.getCause() instanceof ParquetPages.UnsupportedCodec) {
            text = message(cause);
        }
        return cause == null ? new DataException(part, 0, columns[column].name, text)
                : new DataException(part, 0, columns[column].name, text, cause);
    }

    private static String message(final Throwable e) {
        Throwable root = e instanceof java.io.UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }

    @Override
    public Path file() {
        return dataset;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public boolean next() {
        while (rowsLeft == 0) {
            if (!nextGroup()) {
                positioned = false;
                return false;
            }
        }
        rowsLeft--;
        rowInPart++;
        for (int i = 0; i < columns.length; i++) {
            read(i, readers[i]);
        }
        positioned = true;
        return true;
    }

    /** Moves column {@code i} to its next value and types it. */
    private void read(final int i, final ParquetValues reader) {
        try {
            if (reader.next()) {
                missing[i] = false;
                type(i, columns[i]);
            } else {
                missing[i] = true;
            }
        } catch (DataException e) {
            throw e;
        } catch (RuntimeException e) {
            throw damaged(i, "row group " + (group + 1) + ", row " + rowInPart + ": " + message(e), e);
        }
    }

    /** Types the current value of a column as its declared type, and marks it missing when a token says so. */
    private void type(final int i, final ParquetColumn column) {
        texts[i] = null;
        switch (types[i]) {
            case NUMERIC:
                if (column.kind.natural == ColumnType.NUMERIC || column.kind == ParquetColumn.Kind.BOOLEAN) {
                    double value = column.number();
                    missing[i] = Double.isNaN(value) ? nanMissing : !missingNumbers.isEmpty()
                            && missingNumbers.contains(value);
                    numbers[i] = value;
                } else if (column.kind == ParquetColumn.Kind.STRING) {
                    String text = column.text();
                    if (isMissingText(text)) {
                        missing[i] = true;
                        return;
                    }
                    String trimmed = trim(text);
                    double value = parser.parse(trimmed.toCharArray(), 0, trimmed.length());
                    if (!parser.valid()) {
                        throw new DataException(parts.get(partIndex).name(), 0, column.name, "row " + rowInPart
                                + ": " + Texts.quote(text) + " is not a number, but the column was declared numeric");
                    }
                    numbers[i] = value;
                } else {
                    numbers[i] = column.number(); // dates, times and timestamps: days or seconds
                }
                break;
            case BOOLEAN:
                if (column.kind == ParquetColumn.Kind.BOOLEAN) {
                    bools[i] = column.boolValue;
                } else {
                    String text = column.text();
                    if (isMissingText(text)) {
                        missing[i] = true;
                        return;
                    }
                    String trimmed = trim(text);
                    int bool = TabularSource.Guess.bool(trimmed.toCharArray(), 0, trimmed.length());
                    if (bool < 0) {
                        throw new DataException(parts.get(partIndex).name(), 0, column.name, "row " + rowInPart
                                + ": " + Texts.quote(text) + " is not " + RowTyper.BOOLEAN_WORDS
                                + ", but the column was declared boolean");
                    }
                    bools[i] = bool == 1;
                }
                break;
            default:
                if (column.kind == ParquetColumn.Kind.DOUBLE || column.kind == ParquetColumn.Kind.FLOAT) {
                    if (Double.isNaN(column.doubleValue) && nanMissing) {
                        missing[i] = true;
                        return;
                    }
                }
                if (column.kind == ParquetColumn.Kind.STRING) {
                    missing[i] = column.missingText(missingText);
                    texts[i] = missing[i] ? null : column.text();
                } else {
                    String text = column.text();
                    missing[i] = isMissingText(text);
                    texts[i] = text;
                }
        }
    }

    private boolean isMissingText(final String text) {
        return missingTexts.contains(text) || missingTexts.contains(trim(text));
    }

    private static String trim(final String text) {
        int start = 0;
        int end = text.length();
        while (start < end && RowTyper.blank(text.charAt(start))) {
            start++;
        }
        while (end > start && RowTyper.blank(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    /** The row's number within its part, from 1 (Parquet has no lines). */
    @Override
    public long line() {
        return rowInPart;
    }

    @Override
    public boolean isMissing(final int column) {
        checkRow();
        return missing[column];
    }

    @Override
    public double number(final int column) {
        checkPresent(column);
        if (types[column] == ColumnType.NUMERIC) {
            return numbers[column];
        }
        ParquetColumn parquet = columns[column];
        if (parquet.kind == ParquetColumn.Kind.STRING) {
            String text = trim(parquet.text());
            double value = parser.parse(text.toCharArray(), 0, text.length());
            if (!parser.valid()) {
                throw new DataException(parts.get(partIndex).name(), 0, parquet.name, "row " + rowInPart + ": "
                        + Texts.quote(text) + " is not a number");
            }
            return value;
        }
        return parquet.number();
    }

    @Override
    public boolean bool(final int column) {
        checkPresent(column);
        if (types[column] == ColumnType.BOOLEAN) {
            return bools[column];
        }
        ParquetColumn parquet = columns[column];
        if (parquet.kind == ParquetColumn.Kind.BOOLEAN) {
            return parquet.boolValue;
        }
        String text = trim(parquet.text());
        int bool = TabularSource.Guess.bool(text.toCharArray(), 0, text.length());
        if (bool < 0) {
            throw new DataException(parts.get(partIndex).name(), 0, parquet.name, "row " + rowInPart + ": "
                    + Texts.quote(text) + " is not " + RowTyper.BOOLEAN_WORDS);
        }
        return bool == 1;
    }

    @Override
    public String text(final int column) {
        checkRow();
        if (missing[column]) {
            return "";
        }
        String text = texts[column];
        return text != null ? text : columns[column].text();
    }

    private void checkPresent(final int column) {
        checkRow();
        if (missing[column]) {
            throw new IllegalStateException("column '" + schema.column(column).name() + "' is missing in row "
                    + rowInPart + ": check isMissing first");
        }
    }

    private void checkRow() {
        if (!positioned) {
            throw new IllegalStateException("no current row: call next() first and check that it returned true");
        }
    }

    /** The bytes of the parts done, and of the current part in proportion to its rows read. */
    @Override
    public long position() {
        if (chunkBytesDone > 0) { // read by column: the chunks done
            return partsDoneBytes + Math.min(partBytes, chunkBytesDone);
        }
        long current = rowsInPart == 0 ? 0 : (long) ((double) partBytes * rowInPart / rowsInPart);
        return partsDoneBytes + current;
    }

    @Override
    public long size() {
        if (size < 0) {
            long total = 0;
            for (ParquetPart part : parts) {
                try (SeekableByteChannel opened = part.opener().open()) {
                    total += opened.size();
                } catch (IOException e) {
                    return -1;
                }
            }
            size = total;
        }
        return size;
    }

    /**
     * The SHA-256 of the dataset's bytes: of the file, or of the parts one after the other in name order (what
     * {@code cat parts... | sha256sum} prints). Columns are read in no file order, so this reads the parts again.
     */
    @Override
    public String sha256() {
        if (sha256 == null) {
            sha256 = sha256(parts);
        }
        return sha256;
    }

    static String sha256(final List<ParquetPart> parts) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        ByteBuffer buffer = ByteBuffer.allocate(256 * 1024);
        for (ParquetPart part : parts) {
            try (SeekableByteChannel opened = part.opener().open()) {
                while (opened.read(buffer.clear()) >= 0) {
                    digest.update(buffer.flip());
                }
            } catch (IOException e) {
                throw new DataException(part.name(), 0, null, "cannot be read: " + e.getMessage(), e);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private void closeChannel() {
        SeekableByteChannel open = channel;
        channel = null;
        footer = null;
        if (open != null) {
            try {
                open.close();
            } catch (IOException e) {
                // nothing was written: a failed close loses nothing
            }
        }
    }

    @Override
    public void close() {
        closeChannel();
        partIndex = parts.size();
        rowsLeft = 0;
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
}
