package io.mlstages.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The constraints of a schema file: the format, its errors (file, line, column), and the bounded regex. */
class ConstraintsFileTest {
    @TempDir
    Path temp;

    private Path write(final String name, final String json) throws IOException {
        Path file = temp.resolve(name);
        Files.writeString(file, json);
        return file;
    }

    @Test
    void shouldReadEveryConstraintAndWriteItBackEqual() throws IOException {
        Path file = write("schema.json", """
                {"columns": [
                  {"name": "age", "type": "numeric", "constraints": {"min": 0, "max": 120.5, "notNull": true}},
                  {"name": "country", "type": "categorical",
                   "constraints": {"allowed": ["DE", "FR"], "maxMissingRate": 0.05, "pattern": "[A-Z]{2}"}},
                  {"name": "id", "type": "categorical", "constraints": {"unique": true, "maxDistinctRatio": 1}},
                  {"name": "churned", "type": "boolean"}
                ]}
                """);
        Schema schema = SchemaFile.read(file);
        assertThat(schema.constraintsOf("age")).isEqualTo(
                new ColumnConstraints(0.0, 120.5, null, true, null, false, null, null));
        assertThat(schema.constraintsOf("country")).isEqualTo(
                new ColumnConstraints(null, null, List.of("DE", "FR"), false, 0.05, false, null, "[A-Z]{2}"));
        assertThat(schema.constraintsOf("id").unique()).isTrue();
        assertThat(schema.constraintsOf("churned").isEmpty()).isTrue();
        assertThat(schema.constraints()).containsOnlyKeys("age", "country", "id");

        Path again = temp.resolve("again.json");
        SchemaFile.write(again, schema);
        assertThat(SchemaFile.read(again)).isEqualTo(schema);
        assertThat(Files.readString(again)).contains("\"min\" : 0,").contains("\"max\" : 120.5");
    }

    @Test
    void shouldKeepOldSchemaFilesValidWithoutChecks() throws IOException {
        Schema schema = SchemaFile.read(write("old.json",
                "{\"columns\":[{\"name\":\"a\",\"type\":\"numeric\"}]}"));
        assertThat(schema.hasConstraints()).isFalse();
        assertThat(new ConstraintChecker(schema).isEmpty()).isTrue();
        assertThat(schema).isEqualTo(new Schema(List.of(new Column("a", ColumnType.NUMERIC))));
    }

    @Test
    void shouldNameFileLineAndColumnOfAnUnknownConstraint() throws IOException {
        Path file = write("typo.json", """
                {"columns": [
                  {"name": "age", "type": "numeric",
                   "constraints": {
                     "min": 0,
                     "maximum": 3
                   }}
                ]}
                """);
        assertThatThrownBy(() -> SchemaFile.read(file)).isInstanceOfSatisfying(DataException.class, e -> {
            assertThat(e.file()).isEqualTo(file);
            assertThat(e.line()).isEqualTo(5);
            assertThat(e.column()).isEqualTo("age");
            assertThat(e.getMessage()).startsWith(file + ", line 5, column 'age': ")
                    .contains("unknown constraint \"maximum\"").contains("min, max, allowed");
        });
    }

    @Test
    void shouldRefuseBadValuesNamingTheLine() throws IOException {
        Map<String, String> cases = Map.of(
                "{\"min\": \"zero\"}", "min must be a finite number, not \"zero\"",
                "{\"maxMissingRate\": 1.5}", "maxMissingRate must be between 0 and 1, not 1.5",
                "{\"notNull\": \"yes\"}", "notNull must be true or false",
                "{\"min\": 5, \"max\": 1}", "min 5 is above max 1",
                "{\"allowed\": [\"a\"]}", "allowed applies to categorical and boolean columns",
                "{\"pattern\": \"a\"}", "pattern applies to categorical columns",
                "[1]", "\"constraints\" must be an object");
        for (Map.Entry<String, String> bad : cases.entrySet()) {
            Path file = write("bad.json", "{\"columns\": [\n  {\"name\": \"x\", \"type\": \"numeric\",\n"
                    + "   \"constraints\": " + bad.getKey() + "}\n]}\n");
            assertThatThrownBy(() -> SchemaFile.read(file)).as(bad.getKey())
                    .isInstanceOfSatisfying(DataException.class, e -> {
                        assertThat(e.line()).isEqualTo(3);
                        assertThat(e.column()).isEqualTo("x");
                        assertThat(e.getMessage()).startsWith(file + ", line 3, column 'x': columns[0] ('x')")
                                .contains(bad.getValue());
                    });
        }
    }

    @Test
    void shouldRefuseABooleanAllowedValueThatCannotOccurAndAnOverlongPattern() throws IOException {
        Path bool = write("bool.json", "{\"columns\":[{\"name\":\"b\",\"type\":\"boolean\","
                + "\"constraints\":{\"allowed\":[\"yes\"]}}]}");
        assertThatThrownBy(() -> SchemaFile.read(bool)).hasMessageContaining("a boolean column's values are 'true' "
                + "and 'false'");
        Path longPattern = write("long.json", "{\"columns\":[{\"name\":\"c\",\"type\":\"categorical\","
                + "\"constraints\":{\"pattern\":\"" + "a".repeat(1001) + "\"}}]}");
        assertThatThrownBy(() -> SchemaFile.read(longPattern)).hasMessageContaining("1001 characters, more than the "
                + "1000 allowed");
        Path badRegex = write("regex.json", "{\"columns\":[{\"name\":\"c\",\"type\":\"categorical\","
                + "\"constraints\":{\"pattern\":\"[0-9\"}}]}");
        assertThatThrownBy(() -> SchemaFile.read(badRegex)).hasMessageContaining("line 1, column 'c'")
                .hasMessageContaining("pattern: not a valid regular expression: Unclosed character class");
    }

    @Test
    void shouldGiveUpACatastrophicBacktrackInsteadOfHanging() {
        SafePattern pattern = SafePattern.compile("(.*a){12}");
        long start = System.nanoTime();
        // without a budget, Java 17 takes 6.5 s on 24 a's and 4 times as long per extra 'a': this would run for days
        assertThat(pattern.match("a".repeat(40) + "!")).isEqualTo(SafePattern.Outcome.GAVE_UP);
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
        assertThat(pattern.match("a".repeat(12))).isEqualTo(SafePattern.Outcome.MATCH);
        assertThat(pattern.match("a".repeat(11))).isEqualTo(SafePattern.Outcome.NO_MATCH);
        assertThat(pattern.match("x".repeat(SafePattern.MAX_VALUE_LENGTH + 1))).isEqualTo(
                SafePattern.Outcome.TOO_LONG);
        assertThat(SafePattern.compile("\\d{4}-\\d{2}-\\d{2}").match("2002-01-01").passes()).isTrue();
        assertThat(SafePattern.compile("\\d{4}").match("12345").passes()).as("a whole-value match").isFalse();
    }

    @Test
    void shouldCountUniquenessExactlyThenApproximately() {
        Schema schema = new Schema(List.of(new Column("id", ColumnType.NUMERIC)),
                Map.of("id", new ColumnConstraints(null, null, null, false, null, true, 0.5, null)));
        // 20,000 values, every one twice: exact below the limit, estimated beyond it
        for (int limit : new int[] {100_000, 1_000}) {
            ConstraintChecker checker = new ConstraintChecker(schema, limit);
            try (RowSource rows = checker.watch(new NumberRows(20_000))) {
                while (rows.next()) {
                    assertThat(rows.isMissing(0)).isFalse();
                }
            }
            ConstraintViolations result = checker.result();
            ConstraintViolations.Check unique = result.checks().get(0);
            ConstraintViolations.Check ratio = result.checks().get(1);
            assertThat(unique.passed()).isFalse();
            assertThat(ratio.observed()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(limit == 1_000 ? 0.03
                    : 0.0));
            if (limit == 100_000) {
                assertThat(unique.count()).isEqualTo(10_000);
                assertThat(unique.exact()).isTrue();
                assertThat(unique.examples()).hasSize(ConstraintChecker.EXAMPLES);
                assertThat(unique.examples().get(0).value()).isEqualTo("0 (first at line 2)");
                assertThat(ratio.passed()).isTrue();
            } else {
                // the first 1,000 values' repeats are found exactly; the rest comes from the sketch
                assertThat(unique.exact()).isFalse();
                assertThat(unique.count()).isGreaterThanOrEqualTo(1_000);
                assertThat(unique.note()).contains("approximate: more than 1000 distinct values");
            }
        }
    }

    /** Rows 0..n/2-1 and then again: each value twice, lines from 2 as in a CSV file. */
    private static final class NumberRows implements RowSource {
        private final int rows;
        private int row = -1;

        NumberRows(final int rows) {
            this.rows = rows;
        }

        @Override
        public Path file() {
            return Path.of("numbers.csv");
        }

        @Override
        public Schema schema() {
            return new Schema(List.of(new Column("id", ColumnType.NUMERIC)));
        }

        @Override
        public boolean next() {
            return ++row < rows;
        }

        @Override
        public long line() {
            return row + 2;
        }

        @Override
        public boolean isMissing(final int column) {
            return false;
        }

        @Override
        public double number(final int column) {
            return row % (rows / 2);
        }

        @Override
        public boolean bool(final int column) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String text(final int column) {
            return Integer.toString(row % (rows / 2));
        }

        @Override
        public long position() {
            return row;
        }

        @Override
        public long size() {
            return rows;
        }

        @Override
        public String sha256() {
            return "";
        }

        @Override
        public void close() {
        }
    }
}
