package io.mlstages.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The second-thread reader must give exactly what the sequential one gives, errors included. */
class PipelinedReadingTest {
    private static final long ALWAYS = 0;
    private static final long NEVER = Long.MAX_VALUE;

    @TempDir
    Path temp;

    @Test
    void shouldGiveTheSameRowsAsTheSequentialReader() throws IOException {
        Path file = sample(30_000, -1);
        ReadOptions options = ReadOptions.defaults().withInferRows(500);
        try (RowSource pipelined = DataReader.open(file, options, ALWAYS);
                RowSource sequential = DataReader.open(file, options, NEVER)) {
            assertThat(pipelined).isInstanceOf(PipelinedSource.class);
            assertThat(pipelined.schema()).isEqualTo(sequential.schema());
            long rows = 0;
            while (sequential.next()) {
                assertThat(pipelined.next()).isTrue();
                assertThat(pipelined.line()).isEqualTo(sequential.line());
                for (int i = 0; i < sequential.schema().size(); i++) {
                    assertThat(pipelined.isMissing(i)).isEqualTo(sequential.isMissing(i));
                    assertThat(pipelined.text(i)).isEqualTo(sequential.text(i));
                    if (!sequential.isMissing(i)) {
                        switch (sequential.schema().column(i).type()) {
                            case NUMERIC -> assertThat(pipelined.number(i)).isEqualTo(sequential.number(i));
                            case BOOLEAN -> assertThat(pipelined.bool(i)).isEqualTo(sequential.bool(i));
                            default -> { }
                        }
                    }
                }
                rows++;
            }
            assertThat(pipelined.next()).isFalse();
            assertThat(pipelined.next()).isFalse();
            assertThat(rows).isEqualTo(30_000);
            assertThat(pipelined.sha256()).isEqualTo(DataReader.sha256(file));
            assertThat(pipelined.position()).isEqualTo(Files.size(file));
        }
    }

    @Test
    void shouldDeliverEveryRowBeforeAnErrorAndThenTheError() throws IOException {
        Path file = sample(20_000, 15_000);
        List<Long> lines = new ArrayList<>();
        assertThatThrownBy(() -> {
            try (RowSource source = DataReader.open(file, ReadOptions.defaults(), ALWAYS)) {
                while (source.next()) {
                    lines.add(source.line());
                }
            }
        }).isInstanceOfSatisfying(DataException.class, e -> assertThat(e.line()).isEqualTo(18_002))
                .hasMessageContaining("has 2 fields, expected 4");
        assertThat(lines).hasSize(15_000);
        // every fifth row before it spans two lines
        assertThat(lines.get(lines.size() - 1)).isEqualTo(18_001);
    }

    @Test
    void shouldStopAtTheSameRowWhereverTheBadValueFallsAndWhoeverTypesIt() throws IOException {
        // a bad number after the inference rows, at rows spread over batch boundaries; a slow caller leaves the
        // typing to the reading thread, a fast one does it itself
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        for (int round = 0; round < 12; round++) {
            int bad = random.nextInt(200, 12_000);
            StringBuilder text = new StringBuilder("x,y\n");
            for (int i = 0; i < 12_000; i++) {
                text.append(i == bad ? "oops" : Integer.toString(i)).append(",v").append(i % 9).append('\n');
            }
            Path file = Files.writeString(temp.resolve("bad" + round + ".csv"), text);
            boolean slow = round % 2 == 0;
            long[] seen = {0};
            assertThatThrownBy(() -> {
                try (RowSource source = DataReader.open(file, ReadOptions.defaults().withInferRows(100), ALWAYS)) {
                    while (source.next()) {
                        assertThat(source.number(0)).isEqualTo(seen[0]);
                        seen[0]++;
                        if (slow && seen[0] % 1000 == 0) {
                            Thread.sleep(2);
                        }
                    }
                }
            }).isInstanceOfSatisfying(DataException.class, e -> assertThat(e.line()).isEqualTo(bad + 2L));
            assertThat(seen[0]).isEqualTo(bad);
        }
    }

    @Test
    void shouldParseCellsOfOtherTypesOnRequest() throws IOException {
        Path file = sample(100, -1);
        ReadOptions options = ReadOptions.defaults().withTypes(Map.of("id", ColumnType.CATEGORICAL));
        try (RowSource source = DataReader.open(file, options, ALWAYS)) {
            assertThat(source.next()).isTrue();
            assertThat(source.number(0)).isEqualTo(0.0);
            assertThatThrownBy(() -> source.number(2)).isInstanceOf(DataException.class)
                    .hasMessageContaining("line 2, column 'label'");
        }
    }

    @Test
    void shouldStopTheReadingThreadWhenClosedEarly() throws IOException, InterruptedException {
        Path file = sample(200_000, -1);
        RowSource source = DataReader.open(file, ReadOptions.defaults(), ALWAYS);
        assertThat(source.next()).isTrue();
        source.close();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (readerThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(readerThreads()).isZero();
    }

    private static long readerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("mlstages-read") && t.isAlive()).count();
    }

    /** id, value, label, flag; the row at {@code shortRow} (0-based, or -1 for none) lacks two fields. */
    private Path sample(final int rows, final int shortRow) throws IOException {
        StringBuilder text = new StringBuilder("id,value,label,flag\n");
        for (int i = 0; i < rows; i++) {
            if (i == shortRow) {
                text.append(i).append(",oops\n");
                continue;
            }
            text.append(i).append(',').append(i % 17 == 0 ? "NA" : Double.toString(i * 0.37 - 100)).append(',')
                    .append(i % 5 == 0 ? "\"multi\nline, " + i + "\"" : "label" + (i % 7)).append(',')
                    .append(i % 3 == 0 ? "" : i % 2 == 0 ? "true" : "False").append('\n');
        }
        return Files.writeString(temp.resolve("sample.csv"), text);
    }
}
