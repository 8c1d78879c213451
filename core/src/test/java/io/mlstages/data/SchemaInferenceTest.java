package io.mlstages.data;

import static io.mlstages.data.Fixtures.cells;
import static io.mlstages.data.Fixtures.fixture;
import static io.mlstages.data.Fixtures.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SchemaInferenceTest {
    @Test
    void shouldInferNumericCategoricalAndBooleanColumns() {
        try (RowSource source = DataReader.open(fixture("types.csv"), ReadOptions.defaults())) {
            assertThat(source.schema().columns()).containsExactly(
                    new Column("num", ColumnType.NUMERIC),
                    new Column("cat", ColumnType.CATEGORICAL),
                    new Column("flag", ColumnType.BOOLEAN),
                    new Column("allmissing", ColumnType.CATEGORICAL),
                    new Column("zeroone", ColumnType.NUMERIC),
                    new Column("yesno", ColumnType.CATEGORICAL),
                    new Column("intlike", ColumnType.NUMERIC));
        }
    }

    @Test
    void shouldReadBooleansInAnyCase() {
        try (RowSource source = DataReader.open(fixture("types.csv"), ReadOptions.defaults())) {
            List<Boolean> flags = new ArrayList<>();
            while (source.next()) {
                flags.add(source.isMissing(2) ? null : source.bool(2));
            }
            assertThat(flags).containsExactly(true, false, true, null);
        }
    }

    @Test
    void shouldApplyTypeOverridesOverInference() {
        ReadOptions options = ReadOptions.defaults().withTypes(Map.of(
                "zeroone", ColumnType.BOOLEAN, "yesno", ColumnType.BOOLEAN, "intlike", ColumnType.CATEGORICAL));
        try (RowSource source = DataReader.open(fixture("types.csv"), options)) {
            assertThat(source.schema().find("zeroone").orElseThrow().type()).isEqualTo(ColumnType.BOOLEAN);
            assertThat(source.schema().find("intlike").orElseThrow().type()).isEqualTo(ColumnType.CATEGORICAL);
            List<List<Object>> values = new ArrayList<>();
            while (source.next()) {
                values.add(List.of(source.bool(4), source.bool(5)));
            }
            assertThat(values).containsExactly(List.of(false, true), List.of(true, false), List.of(true, true),
                    List.of(false, false));
        }
    }

    @Test
    void shouldRefuseAValueThatDoesNotFitADeclaredType() {
        ReadOptions options = ReadOptions.defaults().withTypes(Map.of("cat", ColumnType.NUMERIC));
        assertThatThrownBy(() -> readAll(fixture("types.csv"), options))
                .isInstanceOfSatisfying(DataException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo("cat");
                })
                .hasMessageContaining("types.csv, line 2, column 'cat'")
                .hasMessageContaining("'a' is not a number")
                .hasMessageContaining("--type cat=numeric");
    }

    @Test
    void shouldFailWithAFixWhenANumericColumnMeetsTextAfterTheInferencePrefix() {
        Path file = fixture("late_text.csv");
        ReadOptions options = ReadOptions.defaults().withInferRows(3);
        assertThatThrownBy(() -> readAll(file, options))
                .isInstanceOfSatisfying(DataException.class, e -> {
                    assertThat(e.file()).isEqualTo(file);
                    assertThat(e.line()).isEqualTo(6);
                    assertThat(e.column()).isEqualTo("x");
                })
                .hasMessageContaining("late_text.csv, line 6, column 'x'")
                .hasMessageContaining("'oops' is not a number")
                .hasMessageContaining("inferred numeric from the first 3 rows")
                .hasMessageContaining("--type x=categorical")
                .hasMessageContaining("--infer-rows 0");
    }

    @Test
    void shouldBoundTheInferencePrefixOfVeryWideRows(@org.junit.jupiter.api.io.TempDir final Path temp)
            throws java.io.IOException {
        int width = 1100;
        StringBuilder text = new StringBuilder();
        for (int c = 0; c < width; c++) {
            text.append(c == 0 ? "x" : ",c" + c);
        }
        text.append('\n');
        String rest = ",1".repeat(width - 1) + "\n";
        for (int r = 0; r < 4000; r++) {
            text.append(r == 3900 ? "oops" : Integer.toString(r)).append(rest);
        }
        Path file = java.nio.file.Files.writeString(temp.resolve("wide.csv"), text);
        // 4 Mi cells are buffered at most: 3814 rows of 1100 cells, not the 10,000 rows asked for
        int buffered = (Prefix.MAX_CELLS + width - 1) / width;
        assertThatThrownBy(() -> readAll(file, ReadOptions.defaults()))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("line 3902, column 'x'")
                .hasMessageContaining("inferred numeric from the first " + buffered + " rows");
    }

    @Test
    void shouldInferFromTheWholeFileWhenInferRowsIsZero() {
        ReadOptions options = ReadOptions.defaults().withInferRows(0);
        try (RowSource source = DataReader.open(fixture("late_text.csv"), options)) {
            assertThat(source.schema().column(0).type()).isEqualTo(ColumnType.CATEGORICAL);
            assertThat(cells(source)).extracting(row -> row.get(0)).containsExactly("1", "2", "3", "4", "oops");
        }
    }

    @Test
    void shouldUseAGivenSchemaInsteadOfInference() {
        Schema schema = SchemaFile.read(fixture("schema.json"));
        try (RowSource source = DataReader.open(fixture("quoted.csv"), ReadOptions.defaults().withSchema(schema))) {
            assertThat(source.schema().columns()).containsExactly(
                    new Column("id", ColumnType.CATEGORICAL),
                    new Column("comment", ColumnType.CATEGORICAL),
                    new Column("score", ColumnType.NUMERIC));
            assertThat(cells(source)).hasSize(4);
        }
    }

    @Test
    void shouldListTheDifferencesWhenTheSchemaDoesNotMatchTheHeader() {
        Schema schema = new Schema(List.of(new Column("id", ColumnType.NUMERIC),
                new Column("rating", ColumnType.NUMERIC)));
        assertThatThrownBy(() -> DataReader.open(fixture("quoted.csv"), ReadOptions.defaults().withSchema(schema)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("quoted.csv, line 1")
                .hasMessageContaining("the schema names 'rating' that the file lacks")
                .hasMessageContaining("the file has 'comment', 'score' that the schema does not name");
    }

    @Test
    void shouldPointAtTheSchemaWhenAValueDoesNotFitIt() {
        Schema schema = new Schema(List.of(new Column("id", ColumnType.NUMERIC),
                new Column("comment", ColumnType.NUMERIC), new Column("score", ColumnType.NUMERIC)));
        assertThatThrownBy(() -> readAll(fixture("quoted.csv"), ReadOptions.defaults().withSchema(schema)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("line 2, column 'comment'")
                .hasMessageContaining("'hello, world' is not a number")
                .hasMessageContaining("in the schema");
    }
}
