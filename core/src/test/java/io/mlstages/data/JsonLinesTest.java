package io.mlstages.data;

import static io.mlstages.data.Fixtures.cells;
import static io.mlstages.data.Fixtures.fixture;
import static io.mlstages.data.Fixtures.lines;
import static io.mlstages.data.Fixtures.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesTest {
    @TempDir
    Path temp;

    @Test
    void shouldFlattenNestedObjectsToDottedColumns() {
        try (RowSource source = DataReader.open(fixture("nested.jsonl"), ReadOptions.defaults())) {
            assertThat(source.schema().columns()).containsExactly(
                    new Column("id", ColumnType.NUMERIC),
                    new Column("user.age", ColumnType.NUMERIC),
                    new Column("user.address.city", ColumnType.CATEGORICAL),
                    new Column("active", ColumnType.BOOLEAN),
                    new Column("note", ColumnType.CATEGORICAL));
            assertThat(cells(source)).containsExactly(
                    Arrays.asList("1", "31", "Paris", "true", null),
                    Arrays.asList("2", null, "Lyon", "false", "late key"),
                    Arrays.asList("3", "27.5", null, "true", null));
        }
    }

    @Test
    void shouldReportTheLineOfEachObjectAndSkipBlankLines() {
        try (RowSource source = DataReader.open(fixture("nested.jsonl"), ReadOptions.defaults())) {
            assertThat(lines(source)).containsExactly(1L, 2L, 4L);
        }
    }

    @Test
    void shouldReadJsonLinesByFormatOptionWhateverTheFileName() throws IOException {
        Path file = Files.copy(fixture("nested.jsonl"), temp.resolve("events.log"));
        assertThat(readAll(file, ReadOptions.defaults().withFormat(Format.JSONL))).isEqualTo(3);
    }

    @Test
    void shouldReportInvalidJsonWithItsLine() {
        assertThatThrownBy(() -> readAll(fixture("bad_json.jsonl"), ReadOptions.defaults()))
                .isInstanceOfSatisfying(DataException.class, e -> assertThat(e.line()).isEqualTo(3))
                .hasMessageContaining("bad_json.jsonl, line 3")
                .hasMessageContaining("is not valid JSON");
    }

    @Test
    void shouldRefuseALineThatIsNotAnObject() {
        assertThatThrownBy(() -> readAll(fixture("not_object.jsonl"), ReadOptions.defaults()))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("not_object.jsonl, line 2")
                .hasMessageContaining("holds an array, expected a JSON object");
    }

    @Test
    void shouldRefuseAnArrayValueNamingLineAndField() {
        assertThatThrownBy(() -> readAll(fixture("array.jsonl"), ReadOptions.defaults()))
                .isInstanceOfSatisfying(DataException.class, e -> assertThat(e.column()).isEqualTo("tags"))
                .hasMessageContaining("array.jsonl, line 2, column 'tags'")
                .hasMessageContaining("is an array, expected a scalar");
    }

    @Test
    void shouldRefuseTwoObjectsOnOneLine() {
        assertThatThrownBy(() -> readAll(fixture("two_per_line.jsonl"), ReadOptions.defaults()))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("two_per_line.jsonl, line 1")
                .hasMessageContaining("one object per line");
    }

    @Test
    void shouldRefuseAFieldThatFirstAppearsAfterTheInferencePrefix() {
        assertThatThrownBy(() -> readAll(fixture("late_key.jsonl"), ReadOptions.defaults().withInferRows(2)))
                .isInstanceOfSatisfying(DataException.class, e -> assertThat(e.column()).isEqualTo("b"))
                .hasMessageContaining("late_key.jsonl, line 3, column 'b'")
                .hasMessageContaining("--infer-rows 0");
    }

    @Test
    void shouldFindLateFieldsWhenInferringFromTheWholeFile() {
        try (RowSource source = DataReader.open(fixture("late_key.jsonl"), ReadOptions.defaults()
                .withInferRows(0))) {
            assertThat(source.schema().names()).containsExactly("a", "b");
            assertThat(cells(source)).containsExactly(Arrays.asList("1", null), Arrays.asList("2", null),
                    Arrays.asList("3", "new"));
        }
    }

    @Test
    void shouldRefuseAFieldGivenTwice() {
        assertThatThrownBy(() -> readAll(fixture("duplicate_key.jsonl"), ReadOptions.defaults()))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("duplicate_key.jsonl, line 1, column 'b.c'")
                .hasMessageContaining("twice");
    }

    @Test
    void shouldRefuseAFileWithoutObjects() {
        assertThatThrownBy(() -> DataReader.open(fixture("blank.jsonl"), ReadOptions.defaults()))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("blank.jsonl: has no JSON objects");
    }

    @Test
    void shouldReadNestedFieldsDeclaredInASchemaAndRefuseOthers() throws IOException {
        Schema schema = new Schema(List.of(new Column("id", ColumnType.CATEGORICAL),
                new Column("user.age", ColumnType.NUMERIC), new Column("user.address.city", ColumnType.CATEGORICAL),
                new Column("active", ColumnType.BOOLEAN)));
        assertThatThrownBy(() -> readAll(fixture("nested.jsonl"), ReadOptions.defaults().withSchema(schema)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("line 2, column 'note'")
                .hasMessageContaining("not in the schema");
        Path file = Files.writeString(temp.resolve("flat.jsonl"),
                "{\"user.age\": 5, \"id\": \"a\"}\n{\"user\": {\"age\": 6}, \"active\": true}\n");
        try (RowSource source = DataReader.open(file, ReadOptions.defaults().withSchema(schema))) {
            assertThat(source.schema().names()).containsExactly("id", "user.age", "user.address.city", "active");
            assertThat(Fixtures.numbers(source, "user.age")).containsExactly(5.0, 6.0);
        }
    }

    @Test
    void shouldNameTheLineOfInvalidUtf8() throws IOException {
        Path file = temp.resolve("latin1.jsonl");
        Files.write(file, new byte[] {'{', '"', 'a', '"', ':', '1', '}', '\n', '{', '"', 'a', '"', ':', '"', 'c',
            (byte) 0xE9, '"', '}', '\n'});
        assertThatThrownBy(() -> readAll(file, ReadOptions.defaults()))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("latin1.jsonl, line 2")
                .hasMessageContaining("not valid UTF-8");
    }
}
