package io.mlstages.data;

import static io.mlstages.data.Fixtures.cells;
import static io.mlstages.data.Fixtures.fixture;
import static io.mlstages.data.Fixtures.lines;
import static io.mlstages.data.Fixtures.numbers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReadingTest {
    @TempDir
    Path temp;

    @Test
    void shouldKeepDelimitersQuotesAndNewlinesInsideQuotedFields() {
        try (RowSource source = DataReader.open(fixture("quoted.csv"), ReadOptions.defaults())) {
            assertThat(cells(source)).containsExactly(
                    List.of("1", "hello, world", "1.5"),
                    List.of("2", "she said \"hi\"", "2"),
                    List.of("3", "first line\nsecond line", "3.25"),
                    List.of("4", "plain", "-4e2"));
        }
    }

    @Test
    void shouldReportTheLineWhereEachRowStartsWhenAFieldSpansLines() {
        try (RowSource source = DataReader.open(fixture("quoted.csv"), ReadOptions.defaults())) {
            assertThat(lines(source)).containsExactly(2L, 3L, 4L, 6L);
        }
    }

    @Test
    void shouldParseNumbersOfANumericColumn() {
        try (RowSource source = DataReader.open(fixture("quoted.csv"), ReadOptions.defaults())) {
            assertThat(source.schema().find("score").orElseThrow().type()).isEqualTo(ColumnType.NUMERIC);
            assertThat(numbers(source, "score")).containsExactly(1.5, 2.0, 3.25, -400.0);
        }
    }

    @Test
    void shouldReadCrlfLineEndingsWithoutLeavingCarriageReturnsInCells() {
        try (RowSource source = DataReader.open(fixture("crlf.csv"), ReadOptions.defaults())) {
            assertThat(source.schema().names()).containsExactly("id", "name", "score");
            assertThat(cells(source)).containsExactly(
                    List.of("1", "alpha", "0.5"),
                    List.of("2", "beta\r\ngamma", "1.5"),
                    List.of("3", "delta", "2.5"));
        }
    }

    @Test
    void shouldDropTheUtf8ByteOrderMarkFromTheFirstColumnName() {
        try (RowSource source = DataReader.open(fixture("bom.csv"), ReadOptions.defaults())) {
            assertThat(source.schema().names()).containsExactly("id", "label");
            assertThat(cells(source)).containsExactly(List.of("1", "a"), List.of("2", "b"));
        }
    }

    @Test
    void shouldSplitOnTheConfiguredDelimiter() {
        ReadOptions options = ReadOptions.defaults().withDelimiter(';');
        try (RowSource source = DataReader.open(fixture("semicolon.csv"), options)) {
            assertThat(source.schema().columns()).containsExactly(
                    new Column("city", ColumnType.CATEGORICAL),
                    new Column("population", ColumnType.NUMERIC),
                    new Column("coastal", ColumnType.BOOLEAN));
            List<Boolean> coastal = new java.util.ArrayList<>();
            List<String> cities = new java.util.ArrayList<>();
            while (source.next()) {
                cities.add(source.text(0));
                coastal.add(source.bool(2));
            }
            assertThat(cities).containsExactly("Nantes; Loire", "Lyon", "Brest");
            assertThat(coastal).containsExactly(false, false, true);
        }
    }

    @Test
    void shouldReadTabSeparatedValues() throws IOException {
        Path file = write("data.tsv", "name\tscore\n\"a\tb\"\t1.5\nc\t\n");
        try (RowSource source = DataReader.open(file, ReadOptions.defaults().withDelimiter('\t'))) {
            assertThat(source.schema().names()).containsExactly("name", "score");
            assertThat(cells(source)).containsExactly(Arrays.asList("a\tb", "1.5"), Arrays.asList("c", null));
        }
    }

    @Test
    void shouldTreatEmptyCellsAndDefaultTokensAsMissingAndNeverAsNumbers() {
        try (RowSource source = DataReader.open(fixture("missing.csv"), ReadOptions.defaults())) {
            assertThat(source.schema().columns()).containsExactly(
                    new Column("a", ColumnType.NUMERIC),
                    new Column("b", ColumnType.CATEGORICAL),
                    new Column("c", ColumnType.NUMERIC));
            assertThat(cells(source)).containsExactly(
                    Arrays.asList("1", "x", null),
                    Arrays.asList(null, null, "2"),
                    Arrays.asList(null, null, "3"),
                    Arrays.asList(null, null, null),
                    Arrays.asList(null, null, "5"),
                    Arrays.asList("Infinity", "y", "-inf"));
        }
    }

    @Test
    void shouldReadInfinitiesAsNumbers() {
        try (RowSource source = DataReader.open(fixture("missing.csv"), ReadOptions.defaults())) {
            assertThat(numbers(source, "c")).containsExactly(null, 2.0, 3.0, null, 5.0,
                    Double.NEGATIVE_INFINITY);
        }
        try (RowSource source = DataReader.open(fixture("missing.csv"), ReadOptions.defaults())) {
            assertThat(numbers(source, "a")).containsExactly(1.0, null, null, null, null, Double.POSITIVE_INFINITY);
        }
    }

    @Test
    void shouldReadNanAsANumberWhenItIsNotAMissingToken() {
        ReadOptions options = ReadOptions.defaults().withMissing(Set.of("NA", "N/A", "null", "NULL", "None"));
        try (RowSource source = DataReader.open(fixture("missing.csv"), options)) {
            List<Double> values = numbers(source, "a");
            assertThat(values).hasSize(6);
            assertThat(values.get(2)).isNaN();
            assertThat(values.get(3)).isNaN();
            assertThat(values.get(1)).isNull();
        }
    }

    @Test
    void shouldTreatUserTokensAsMissing() throws IOException {
        Path file = write("sentinel.csv", "x,y\n1,a\n-999,?\n3,b\n");
        ReadOptions options = ReadOptions.defaults().withMissing(Set.of("-999", "?"));
        try (RowSource source = DataReader.open(file, options)) {
            assertThat(cells(source)).containsExactly(
                    Arrays.asList("1", "a"), Arrays.asList(null, null), Arrays.asList("3", "b"));
        }
    }

    @Test
    void shouldKeepTheRawTextOfACellWhileTrimmingItForTyping() throws IOException {
        Path file = write("spaces.csv", "x,y\n 1.5 , a \n2,b\n");
        try (RowSource source = DataReader.open(file, ReadOptions.defaults())) {
            assertThat(source.schema().column(0).type()).isEqualTo(ColumnType.NUMERIC);
            assertThat(source.next()).isTrue();
            assertThat(source.number(0)).isEqualTo(1.5);
            assertThat(source.text(1)).isEqualTo(" a ");
        }
    }

    @Test
    void shouldSkipBlankLines() throws IOException {
        Path file = write("blank.csv", "x,y\n1,a\n\n2,b\n\n");
        try (RowSource source = DataReader.open(file, ReadOptions.defaults())) {
            assertThat(lines(source)).containsExactly(2L, 4L);
        }
    }

    @Test
    void shouldReplayTheInferencePrefixThenStreamTheRestInOrder() {
        ReadOptions options = ReadOptions.defaults().withInferRows(2);
        try (RowSource source = DataReader.open(fixture("quoted.csv"), options)) {
            assertThat(cells(source)).extracting(row -> row.get(0)).containsExactly("1", "2", "3", "4");
        }
    }

    @Test
    void shouldReadGzipCompressedFiles() throws IOException {
        Path file = temp.resolve("quoted.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(Files.readAllBytes(fixture("quoted.csv")));
        }
        try (RowSource source = DataReader.open(file, ReadOptions.defaults())) {
            assertThat(cells(source)).extracting(row -> row.get(1))
                    .containsExactly("hello, world", "she said \"hi\"", "first line\nsecond line", "plain");
        }
    }

    @Test
    void shouldReportProgressInBytesAndTheFileSha256() throws IOException, NoSuchAlgorithmException {
        Path file = fixture("quoted.csv");
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(file)));
        try (RowSource source = DataReader.open(file, ReadOptions.defaults())) {
            assertThat(source.size()).isEqualTo(Files.size(file));
            while (source.next()) {
                assertThat(source.position()).isBetween(1L, source.size());
            }
            assertThat(source.position()).isEqualTo(source.size());
            assertThat(source.sha256()).isEqualTo(expected);
        }
        try (RowSource source = DataReader.open(file, ReadOptions.defaults())) {
            assertThat(source.sha256()).as("before the end, by a second read").isEqualTo(expected);
        }
        assertThat(DataReader.sha256(file)).isEqualTo(expected);
    }

    @Test
    void shouldRefuseNumberOfAMissingCell() {
        try (RowSource source = DataReader.open(fixture("missing.csv"), ReadOptions.defaults())) {
            source.next();
            assertThat(source.isMissing(2)).isTrue();
            assertThatThrownBy(() -> source.number(2)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("'c'").hasMessageContaining("line 2");
        }
    }

    @Test
    void shouldRefuseCellAccessBeforeTheFirstRow() {
        try (RowSource source = DataReader.open(fixture("missing.csv"), ReadOptions.defaults())) {
            assertThatThrownBy(() -> source.text(0)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void shouldReadManyRowsAcrossBufferBoundaries() throws IOException {
        StringBuilder text = new StringBuilder("i,half,label\n");
        for (int i = 0; i < 50_000; i++) {
            text.append(i).append(',').append(i / 2.0).append(',').append(i % 3 == 0 ? "\"x,\"\"y\"" : "z")
                    .append('\n');
        }
        Path file = write("many.csv", text.toString());
        try (RowSource source = DataReader.open(file, ReadOptions.defaults().withInferRows(100))) {
            long rows = 0;
            double sum = 0;
            while (source.next()) {
                assertThat(source.number(0)).isEqualTo(rows);
                assertThat(source.text(2)).isEqualTo(rows % 3 == 0 ? "x,\"y" : "z");
                assertThat(source.line()).isEqualTo(rows + 2);
                sum += source.number(1);
                rows++;
            }
            assertThat(rows).isEqualTo(50_000);
            assertThat(sum).isEqualTo(49_999.0 * 50_000 / 4);
        }
    }

    @Test
    void shouldNameTheColumnsOfAnUnknownTypeOverride() {
        ReadOptions options = ReadOptions.defaults().withTypes(Map.of("nope", ColumnType.NUMERIC));
        assertThatThrownBy(() -> DataReader.open(fixture("quoted.csv"), options))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("quoted.csv")
                .hasMessageContaining("column 'nope'")
                .hasMessageContaining("'id', 'comment', 'score'");
    }

    private Path write(final String name, final String text) throws IOException {
        return Files.writeString(temp.resolve(name), text, StandardCharsets.UTF_8);
    }
}
