package io.mlstages.data;

import io.mlstages.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Parquet reader on files that DuckDB wrote (test-resources/parquet/MakeParquetFixtures.java): every value is a
 * formula of the row number i there, recomputed here.
 */
class ParquetReadingTest {
    private static final int ROWS = 1000;

    @TempDir
    Path dir;

    private static boolean nullRow(final int i) {
        return i % 7 == 3;
    }

    @Test
    void shouldTypeColumnsFromTheParquetSchema() {
        try (RowSource rows = DataReader.open(TestData.parquet("types.parquet"), ReadOptions.defaults())) {
            Map<String, ColumnType> expected = new java.util.LinkedHashMap<>();
            for (String numeric : List.of("id", "int8", "int16", "int32", "int64", "uint32", "uint64", "float32",
                    "float64", "dec9", "dec18", "dec38")) {
                expected.put(numeric, ColumnType.NUMERIC);
            }
            expected.put("flag", ColumnType.BOOLEAN);
            for (String text : List.of("colour", "label", "day", "ts_us", "ts_ms", "ts_ns", "ts_utc", "clock", "uid")) {
                expected.put(text, ColumnType.CATEGORICAL);
            }
            expected.put("with_nan", ColumnType.NUMERIC);
            Map<String, ColumnType> actual = new java.util.LinkedHashMap<>();
            rows.schema().columns().forEach(c -> actual.put(c.name(), c.type()));
            assertThat(actual).containsExactlyEntriesOf(expected);
        }
    }

    @Test
    void shouldReadEveryValueAcrossRowGroupsWithNullsAsMissing() {
        LocalDateTime epoch = LocalDateTime.of(2020, 1, 1, 0, 0);
        try (RowSource rows = DataReader.open(TestData.parquet("types.parquet"), ReadOptions.defaults())) {
            Schema schema = rows.schema();
            int i = 0;
            while (rows.next()) {
                assertThat(rows.line()).isEqualTo(i + 1L);
                assertThat(rows.number(schema.indexOf("id"))).isEqualTo(i);
                assertThat(rows.number(schema.indexOf("int8"))).isEqualTo(i % 100 - 50);
                assertThat(rows.number(schema.indexOf("int16"))).isEqualTo(i * 3 - 1000);
                boolean none = nullRow(i);
                assertThat(rows.isMissing(schema.indexOf("colour"))).isEqualTo(none || i % 4 == 3);
                for (String name : List.of("int32", "int64", "uint32", "uint64", "float32", "float64", "dec9", "dec18",
                        "dec38", "flag", "label", "day", "ts_us", "ts_ms", "ts_ns", "ts_utc", "clock",
                        "uid")) {
                    assertThat(rows.isMissing(schema.indexOf(name))).as("%s in row %d", name, i).isEqualTo(none);
                }
                if (!none) {
                    assertThat(rows.number(schema.indexOf("int32"))).isEqualTo(i * 1000 - 7);
                    assertThat(rows.number(schema.indexOf("int64"))).isEqualTo(i * 10_000_000_000L + 1);
                    assertThat(rows.number(schema.indexOf("uint32"))).isEqualTo(4_000_000_000L + i);
                    assertThat(rows.text(schema.indexOf("uint64")))
                            .isEqualTo(new java.math.BigInteger("18000000000000000000").add(java.math.BigInteger.valueOf(i)).toString());
                    assertThat(rows.number(schema.indexOf("float32"))).isEqualTo(i / 4.0);
                    assertThat(rows.number(schema.indexOf("float64"))).isEqualTo(i / 3.0);
                    assertThat(rows.number(schema.indexOf("dec9"))).isEqualTo(Double.parseDouble(
                            new BigDecimal(i).divide(new BigDecimal(8)).setScale(3).toPlainString()));
                    assertThat(rows.number(schema.indexOf("dec18"))).isEqualTo(i * 1.5 - 100);
                    BigDecimal dec38 = new BigDecimal(i).multiply(new BigDecimal("1000000000000.00001"));
                    assertThat(rows.text(schema.indexOf("dec38"))).isEqualTo(dec38.setScale(10).toPlainString());
                    assertThat(rows.number(schema.indexOf("dec38"))).isEqualTo(dec38.doubleValue());
                    assertThat(rows.bool(schema.indexOf("flag"))).isEqualTo(i % 3 == 0);
                    if (i % 4 != 3) {
                        assertThat(rows.text(schema.indexOf("colour"))).isEqualTo(new String[] {"red", "green", "blue"}[i % 4]);
                    }
                    assertThat(rows.text(schema.indexOf("label"))).isEqualTo("item " + i);
                    assertThat(rows.text(schema.indexOf("day"))).isEqualTo(LocalDate.of(2020, 1, 1).plusDays(i).toString());
                    assertThat(rows.text(schema.indexOf("ts_us"))).isEqualTo(stamp(epoch.plusSeconds(i * 3601L), ""));
                    assertThat(rows.text(schema.indexOf("ts_ms")))
                            .isEqualTo(stamp(epoch.plusNanos(i * 1_001_000_000L), ""));
                    assertThat(rows.text(schema.indexOf("ts_ns"))).isEqualTo(stamp(epoch.plusSeconds(i), ""));
                    assertThat(rows.text(schema.indexOf("ts_utc"))).isEqualTo(stamp(epoch.plusHours(i), "Z"));
                    assertThat(rows.text(schema.indexOf("clock"))).isEqualTo(LocalTime.ofSecondOfDay(i * 61L)
                            .format(java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")));
                    assertThat(rows.text(schema.indexOf("uid"))).isEqualTo(String.format("00000000-0000-0000-0000-%012d", i));
                    int nan = schema.indexOf("with_nan");
                    assertThat(rows.isMissing(nan)).as("NaN is a missing token by default").isEqualTo(i % 50 == 1);
                    if (i % 50 != 1) {
                        assertThat(rows.number(nan)).isEqualTo(i * 0.5);
                    }
                }
                i++;
            }
            assertThat(i).isEqualTo(ROWS);
        }
    }

    /** Row i % 4 == 3 holds the text "NA", a missing token by default, as in a CSV cell. */
    @Test
    void shouldTreatMissingTokensInTextAndNaNAsCsvDoes() {
        int missing = 0;
        try (RowSource rows = DataReader.open(TestData.parquet("types.parquet"), ReadOptions.defaults())) {
            int colour = rows.schema().indexOf("colour");
            while (rows.next()) {
                missing += rows.isMissing(colour) ? 1 : 0;
            }
        }
        int expected = 0;
        for (int i = 0; i < ROWS; i++) {
            expected += nullRow(i) || i % 4 == 3 ? 1 : 0;
        }
        assertThat(missing).isEqualTo(expected);
        ReadOptions keepNaN = ReadOptions.defaults().withMissing(Set.of("")).withColumns(List.of("with_nan", "colour"));
        try (RowSource rows = DataReader.open(TestData.parquet("types.parquet"), keepNaN)) {
            int nan = rows.schema().indexOf("with_nan");
            rows.next();
            rows.next();
            assertThat(rows.isMissing(nan)).isFalse();
            assertThat(rows.number(nan)).isNaN();
            for (int i = 2; i <= 7; i++) {
                rows.next();
            }
            assertThat(rows.isMissing(rows.schema().indexOf("colour"))).as("row 7 holds 'NA', not a token now").isFalse();
            assertThat(rows.text(rows.schema().indexOf("colour"))).isEqualTo("NA");
        }
    }

    private static String stamp(final LocalDateTime time, final String zone) {
        String text = time.toLocalDate() + " " + time.toLocalTime().withNano(0)
                .format(java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss"));
        if (time.getNano() != 0) {
            text += "." + String.format("%09d", time.getNano()).replaceAll("0+$", "");
        }
        return text + zone;
    }

    @ParameterizedTest
    @ValueSource(strings = {"types-zstd.parquet", "types-gzip.parquet", "types-lz4.parquet",
        "types-uncompressed-v2.parquet"})
    void shouldReadOtherCodecsAndPageVersionsAlike(final String file) {
        List<String> columns = List.of("id", "int32", "float64", "dec18", "flag", "colour", "day");
        assertThat(cells(TestData.parquet(file), columns)).isEqualTo(cells(TestData.parquet("types.parquet"), columns));
    }

    /** The page-at-a-time decoder gives exactly what parquet-column's value-at-a-time readers give. */
    @ParameterizedTest
    @ValueSource(strings = {"types.parquet", "types-uncompressed-v2.parquet", "chicago-2008-parts",
        "breast-cancer-train.parquet"})
    void shouldDecodePagesAsParquetColumnDoes(final String file) {
        List<String> all = new ArrayList<>();
        try (RowSource rows = DataReader.open(TestData.parquet(file), ReadOptions.defaults())) {
            all.addAll(rows.schema().names());
        }
        List<List<String>> fast = cells(TestData.parquet(file), all);
        List<List<String>> generic;
        System.setProperty("mlstages.parquet.generic", "true");
        try {
            generic = cells(TestData.parquet(file), all);
        } finally {
            System.clearProperty("mlstages.parquet.generic");
        }
        assertThat(fast).isEqualTo(generic).isNotEmpty();
    }

    /**
     * Read by column (as profiling reads Parquet), every value and its row number are what reading by row gives:
     * across row groups (types: four of them), parts (chicago-2008-parts: three files) and page formats.
     */
    @ParameterizedTest
    @ValueSource(strings = {"types.parquet", "types-uncompressed-v2.parquet", "chicago-2008-parts",
        "breast-cancer-train.parquet"})
    void shouldReadByColumnWhatItReadsByRow(final String file) {
        List<List<String>> byRow = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        try (RowSource rows = DataReader.open(TestData.parquet(file), ReadOptions.defaults())) {
            while (rows.next()) {
                byRow.add(row(rows));
                lines.add(rows.line());
            }
        }
        try (RowSource rows = DataReader.open(TestData.parquet(file), ReadOptions.defaults())) {
            int width = rows.schema().size();
            List<String[]> grid = new ArrayList<>();
            long[] seen = new long[width];
            List<String> wrongLines = new ArrayList<>();
            long read = rows.readByColumn(i -> {
                int row = (int) seen[i]++;
                while (grid.size() <= row) {
                    grid.add(new String[width]);
                }
                grid.get(row)[i] = cell(rows, i);
                if (row >= lines.size() || rows.line() != lines.get(row)) {
                    wrongLines.add("column " + i + ", row " + row + ": line " + rows.line());
                }
            });
            assertThat(read).isEqualTo(byRow.size()).isPositive();
            assertThat(wrongLines).isEmpty();
            assertThat(grid.stream().map(Arrays::asList).toList()).isEqualTo(byRow);
            assertThat(rows.next()).as("nothing is left").isFalse();
            assertThat(rows.position()).isEqualTo(rows.size());
        }
    }

    /** Sources that read by row, wrappers that watch rows, and a row group begun by rows are read by row. */
    @Test
    void shouldReadByRowWhereReadingByColumnWouldSkipSomeone() {
        Path parquet = TestData.parquet("types.parquet");
        try (RowSource csv = DataReader.open(TestData.dataset("chicago-2002.csv"), ReadOptions.defaults())) {
            assertThat(csv.readByColumn(i -> { })).isEqualTo(-1);
            assertThat(csv.next()).isTrue();
        }
        try (RowSource watched = new ForwardingRowSource(DataReader.open(parquet, ReadOptions.defaults())) { }) {
            assertThat(watched.readByColumn(i -> { })).isEqualTo(-1);
            assertThat(watched.next()).isTrue();
            assertThat(watched.number(0)).isZero();
        }
        try (RowSource begun = DataReader.open(parquet, ReadOptions.defaults())) {
            assertThat(begun.next()).isTrue();
            assertThat(begun.readByColumn(i -> { })).isEqualTo(-1);
            assertThat(begun.next()).isTrue();
            assertThat(begun.number(0)).isEqualTo(1);
        }
    }

    @Test
    void shouldDecodeTheHybridRunLengthEncoding() {
        // a run of five 3s (header 5 << 1), then one bit-packed group of eight 2-bit values 0..3,0..3
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(new byte[] {10, 3, 3, (byte) 0b11100100, (byte) 0b11100100});
        int[] out = new int[13];
        ParquetValues.Rle.decode(bytes, 2, out, 13);
        assertThat(out).containsExactly(3, 3, 3, 3, 3, 0, 1, 2, 3, 0, 1, 2, 3);
    }

    @Test
    void shouldReadOnlyTheColumnsAskedForInFileOrder() {
        ReadOptions two = ReadOptions.defaults().withColumns(List.of("label", "float64"));
        try (RowSource rows = DataReader.open(TestData.parquet("types.parquet"), two)) {
            assertThat(rows.schema().names()).containsExactly("float64", "label");
            rows.next();
            rows.next();
            assertThat(rows.number(0)).isEqualTo(1 / 3.0);
            assertThat(rows.text(1)).isEqualTo("item 1");
        }
        assertThatThrownBy(() -> DataReader.open(TestData.parquet("types.parquet"),
                ReadOptions.defaults().withColumns(List.of("nope"))))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("types.parquet, column 'nope': is not a column of the file; its columns are 'id'");
    }

    @Test
    void shouldRefuseANestedColumnNamingItUnlessItIsLeftOut() {
        Path nested = TestData.parquet("nested.parquet");
        assertThatThrownBy(() -> DataReader.open(nested, ReadOptions.defaults()))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("nested.parquet, column 'tags': is a list, which cannot be read as one column;"
                        + " name the columns to read");
        assertThatThrownBy(() -> DataReader.open(nested, ReadOptions.defaults().withColumns(List.of("id", "point"))))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("column 'point': is a nested group of 2 fields");
        try (RowSource rows = DataReader.open(nested, ReadOptions.defaults().withColumns(List.of("id", "score")))) {
            assertThat(rows.schema().names()).containsExactly("id", "score");
            assertThat(rows.warnings()).hasSize(2);
            assertThat(rows.warnings().get(0)).contains("column 'tags' is a list: left out");
            assertThat(rows.warnings().get(1)).contains("column 'point' is a nested group of 2 fields: left out");
            double sum = 0;
            int n = 0;
            while (rows.next()) {
                sum += rows.number(1);
                n++;
            }
            assertThat(n).isEqualTo(20);
            assertThat(sum).isEqualTo(0.25 * 190);
        }
    }

    @Test
    void shouldRefuseATruncatedFileNamingIt() {
        assertThatThrownBy(() -> DataReader.open(TestData.parquet("truncated.parquet"), ReadOptions.defaults()))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("truncated.parquet: is truncated: it starts as a Parquet file but does not end "
                        + "with PAR1");
    }

    @Test
    void shouldRefuseATextFileWithAParquetName() {
        assertThatThrownBy(() -> DataReader.open(TestData.parquet("not-parquet.parquet"), ReadOptions.defaults()))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("not-parquet.parquet: is not a Parquet file: it neither starts nor ends with PAR1;"
                        + " it looks like text: read a CSV or JSON Lines file with --format csv");
    }

    @Test
    void shouldRefuseDamagedColumnDataNamingTheFileAndColumn() throws IOException {
        byte[] bytes = Files.readAllBytes(TestData.parquet("types-uncompressed-v2.parquet"));
        // overwrite the start of the data (after the magic) but leave the footer: the pages are garbage
        for (int i = 4; i < 2000; i++) {
            bytes[i] = (byte) 0xEE;
        }
        Path damaged = dir.resolve("damaged.parquet");
        Files.write(damaged, bytes);
        assertThatThrownBy(() -> {
            try (RowSource rows = DataReader.open(damaged, ReadOptions.defaults())) {
                while (rows.next()) {
                    rows.isMissing(0);
                }
            }
        }).isInstanceOf(DataException.class)
                .hasMessageContaining("damaged.parquet, column 'id': cannot be decoded (row group 1")
                .hasMessageContaining("the file is damaged or truncated");
        // read by column, as profiles read it: the same message
        assertThatThrownBy(() -> {
            try (RowSource rows = DataReader.open(damaged, ReadOptions.defaults())) {
                rows.readByColumn(rows::isMissing);
            }
        }).isInstanceOf(DataException.class)
                .hasMessageContaining("damaged.parquet, column 'id': cannot be decoded (row group 1")
                .hasMessageContaining("the file is damaged or truncated");
    }

    @Test
    void shouldReadAFolderOfPartsAsOneDatasetLikeTheWholeFile() throws Exception {
        Path folder = TestData.parquet("chicago-2008-parts");
        List<String> columns = List.of("date", "ridership", "temp", "day_of_week");
        assertThat(cells(folder, columns)).isEqualTo(cells(TestData.parquet("chicago-2008.parquet"), columns));
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (String part : List.of("part-00000.parquet", "part-00001.parquet", "part-00002.parquet")) {
            digest.update(Files.readAllBytes(folder.resolve(part)));
        }
        try (RowSource rows = DataReader.open(folder, ReadOptions.defaults())) {
            while (rows.next()) {
                rows.isMissing(0);
            }
            assertThat(rows.sha256()).isEqualTo(HexFormat.of().formatHex(digest.digest()));
        }
    }

    @Test
    void shouldRefuseAPartWhoseColumnTypeDiffers() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("parts"));
        Files.copy(TestData.parquet("types-zstd.parquet"), folder.resolve("a.parquet"));
        Files.copy(TestData.parquet("chicago-2008.parquet"), folder.resolve("b.parquet"));
        assertThatThrownBy(() -> {
            try (RowSource rows = DataReader.open(folder, ReadOptions.defaults().withColumns(List.of("id")))) {
                while (rows.next()) {
                    rows.isMissing(0);
                }
            }
        }).isInstanceOf(DataException.class)
                .hasMessageContaining("b.parquet, column 'id': is missing from this part");
    }

    @Test
    void shouldReadParquetByFormatWhateverTheName() throws IOException {
        Path renamed = Files.copy(TestData.parquet("types-zstd.parquet"), dir.resolve("export.bin"));
        try (RowSource rows = DataReader.open(renamed, ReadOptions.defaults().withFormat(Format.PARQUET))) {
            assertThat(rows.schema().names()).containsExactly("id", "int32", "float64", "dec18", "flag", "colour", "day");
        }
        assertThat(Format.parse("parquet")).isEqualTo(Format.PARQUET);
        assertThat(Format.of(Path.of("x.PARQUET"))).isEqualTo(Format.PARQUET);
    }

    @Test
    void shouldApplyDeclaredTypes() {
        ReadOptions declared = ReadOptions.defaults().withColumns(List.of("day", "colour", "int8"))
                .withTypes(Map.of("day", ColumnType.NUMERIC, "int8", ColumnType.CATEGORICAL));
        try (RowSource rows = DataReader.open(TestData.parquet("types.parquet"), declared)) {
            rows.next();
            rows.next();
            assertThat(rows.number(rows.schema().indexOf("day"))).isEqualTo(LocalDate.of(2020, 1, 2).toEpochDay());
            assertThat(rows.text(rows.schema().indexOf("int8"))).isEqualTo("-49");
        }
        ReadOptions wrong = ReadOptions.defaults().withColumns(List.of("colour"))
                .withTypes(Map.of("colour", ColumnType.NUMERIC));
        assertThatThrownBy(() -> {
            try (RowSource rows = DataReader.open(TestData.parquet("types.parquet"), wrong)) {
                while (rows.next()) {
                    rows.isMissing(0);
                }
            }
        }).isInstanceOf(DataException.class)
                .hasMessageContaining("types.parquet, column 'colour': row 1: 'red' is not a number, but the column was"
                        + " declared numeric");
    }

    /** The seam for other stores: any SeekableByteChannel serves, here an in-memory one. */
    @Test
    void shouldReadFromAnySeekableChannel() throws IOException {
        byte[] bytes = Files.readAllBytes(TestData.parquet("types-gzip.parquet"));
        ParquetPart part = new ParquetPart(Path.of("memory/types.parquet"), () -> new InMemoryChannel(bytes));
        List<String> columns = List.of("id", "int32", "colour");
        List<List<String>> read = new ArrayList<>();
        try (RowSource rows = DataReader.openParquet(Path.of("memory"), List.of(part, part),
                ReadOptions.defaults().withColumns(columns))) {
            while (rows.next()) {
                read.add(row(rows));
            }
        }
        List<List<String>> once = cells(TestData.parquet("types-gzip.parquet"), columns);
        assertThat(read).hasSize(2 * ROWS);
        assertThat(read.subList(0, ROWS)).isEqualTo(once);
        assertThat(read.subList(ROWS, 2 * ROWS)).isEqualTo(once);
    }

    private static List<List<String>> cells(final Path file, final List<String> columns) {
        List<List<String>> cells = new ArrayList<>();
        try (RowSource rows = DataReader.open(file, ReadOptions.defaults().withColumns(columns))) {
            while (rows.next()) {
                cells.add(row(rows));
            }
        }
        return cells;
    }

    private static List<String> row(final RowSource rows) {
        List<String> row = new ArrayList<>();
        for (int i = 0; i < rows.schema().size(); i++) {
            row.add(cell(rows, i));
        }
        return row;
    }

    private static String cell(final RowSource rows, final int i) {
        return rows.isMissing(i) ? "<missing>" : rows.schema().column(i).type() == ColumnType.NUMERIC
                ? Double.toString(rows.number(i)) : rows.text(i);
    }

    /** A read-only channel over bytes in memory. */
    private static final class InMemoryChannel implements java.nio.channels.SeekableByteChannel {
        private final byte[] bytes;
        private long position;
        private boolean open = true;

        InMemoryChannel(final byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read(final java.nio.ByteBuffer into) {
            if (position >= bytes.length) {
                return -1;
            }
            int n = (int) Math.min(into.remaining(), bytes.length - position);
            into.put(bytes, (int) position, n);
            position += n;
            return n;
        }

        @Override
        public int write(final java.nio.ByteBuffer from) {
            throw new java.nio.channels.NonWritableChannelException();
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public java.nio.channels.SeekableByteChannel position(final long value) {
            position = value;
            return this;
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public java.nio.channels.SeekableByteChannel truncate(final long size) {
            throw new java.nio.channels.NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }

}
