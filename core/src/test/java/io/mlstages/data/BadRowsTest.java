package io.mlstages.data;

import io.mlstages.TestData;
import io.mlstages.profile.Profile;
import io.mlstages.profile.ProfileJson;
import io.mlstages.profile.ProfileSettings;
import io.mlstages.profile.Profiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Skip mode ({@link OnBadRows#SKIP}) on damaged copies of a real data set: which rows are dropped, what the
 * log keeps, the share limit, and that what is left profiles exactly as the clean rows do.
 */
class BadRowsTest {
    /** Seattle weather: date, precipitation, temp_max, temp_min, wind, weather; 1,461 rows. */
    private static final Path WEATHER = TestData.dataset("seattle-weather.csv");
    private static final int ROWS = 1461;

    @TempDir
    Path folder;

    /** The file's lines, with some replaced (by 1-based line number) by damaged ones. */
    private Path damaged(final String name, final Map<Integer, byte[]> replacements) throws IOException {
        List<String> lines = Files.readAllLines(WEATHER, StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < lines.size(); i++) {
            byte[] replacement = replacements.get(i + 1);
            out.write(replacement != null ? replacement : lines.get(i).getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        Path file = folder.resolve(name);
        Files.write(file, out.toByteArray());
        return file;
    }

    /** The file without the given lines: the clean rows of a damaged copy. */
    private Path without(final String name, final Iterable<Integer> dropped) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(WEATHER, StandardCharsets.UTF_8));
        List<Integer> sorted = new ArrayList<>();
        dropped.forEach(sorted::add);
        sorted.sort(null);
        for (int k = sorted.size() - 1; k >= 0; k--) {
            lines.remove(sorted.get(k) - 1);
        }
        Path file = folder.resolve(name);
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Five kinds of damage: two ragged rows, a number that is not one, bad quoting, and invalid UTF-8. */
    private static Map<Integer, byte[]> fiveProblems() {
        Map<Integer, byte[]> damage = new TreeMap<>();
        damage.put(10, bytes("2012-01-09,4.3,9.4"));                              // too few fields
        damage.put(20, bytes("2012-01-19,9.4,warm,-2.8,4.9,snow"));               // temp_max not a number
        damage.put(30, bytes("2012-01-29,\"27.4\"x,6.7,3.9,6.9,rain"));           // text after a closing quote
        byte[] latin1 = bytes("2012-02-08,0.0,10.0,2.8,2.4,sun\u00e9");
        damage.put(40, java.util.Arrays.copyOf(latin1, latin1.length - 1));       // a lone lead byte 0xC3
        damage.put(50, bytes("2012-02-18,3.0,8.9,1.1,5.1,rain,extra"));           // too many fields
        return damage;
    }

    private static ReadOptions skip(final BadRowLog log) {
        return ReadOptions.defaults().withTypes(Map.of("temp_max", ColumnType.NUMERIC))
                .withOnBadRows(OnBadRows.SKIP).withBadRowLog(log);
    }

    @Test
    void shouldSkipEachKindOfRowLocalProblemAndLogWhereAndWhy() throws IOException {
        Path file = damaged("damaged.csv", fiveProblems());
        BadRowLog log = new BadRowLog();

        long rows = Fixtures.readAll(file, skip(log));

        assertThat(rows).isEqualTo(ROWS - 5);
        BadRows bad = log.snapshot();
        assertThat(bad.total()).isEqualTo(5);
        assertThat(bad.rows()).extracting(BadRows.Row::line).containsExactly(10L, 20L, 30L, 40L, 50L);
        assertThat(bad.rows().get(0).column()).isEqualTo("temp_min");
        assertThat(bad.rows().get(0).problem()).contains("the row has 3 fields, expected 6");
        assertThat(bad.rows().get(1).column()).isEqualTo("temp_max");
        assertThat(bad.rows().get(1).problem()).contains("'warm' is not a number");
        assertThat(bad.rows().get(2).problem()).contains("bad quoting");
        assertThat(bad.rows().get(3).problem()).contains("UTF-8");
        assertThat(bad.rows().get(4).problem()).contains("the row has 7 fields");
        assertThat(bad.rows().get(0).toString()).isEqualTo(file + ":10:temp_min: " + bad.rows().get(0).problem());
    }

    @Test
    void shouldGoOnAtTheRightLineAfterQuotedLineBreaksAndBadBytes() throws IOException {
        Map<Integer, byte[]> damage = new TreeMap<>();
        // a quoted field over two lines with a bad byte on its second line, then a good row, then a quoted row
        // with too many fields (read by the general path, not the fast one)
        damage.put(10, bytes("2012-01-09,4.3,9.4,5.0,3.4,\"rain\nand\u00e9\""));
        damage.put(12, bytes("\"2012-01-11\",0.0,6.1,-1.1,5.1,sun,extra"));
        byte[] row = damage.get(10);
        int accent = row.length - 3; // the first byte of the two-byte é, cut to a lone lead byte
        byte[] cut = new byte[row.length - 1];
        System.arraycopy(row, 0, cut, 0, accent + 1);
        System.arraycopy(row, accent + 2, cut, accent + 1, row.length - accent - 2);
        damage.put(10, cut);
        Path file = damaged("lines.csv", damage);
        BadRowLog log = new BadRowLog();
        List<Long> lines = new ArrayList<>();

        try (RowSource source = DataReader.open(file, skip(log))) {
            while (source.next()) {
                lines.add(source.line());
            }
        }

        // line 10 holds the row and line 11 its quoted line break; the bad byte is on line 11
        assertThat(log.snapshot().rows()).extracting(BadRows.Row::line).containsExactly(11L, 13L);
        assertThat(lines).contains(9L, 12L, 14L).doesNotContain(10L, 11L, 13L);
        assertThat(lines).hasSize(ROWS - 2);
    }

    @Test
    void shouldFailAtTheFirstBadRowByDefault() throws IOException {
        Path file = damaged("damaged.csv", fiveProblems());

        assertThatThrownBy(() -> Fixtures.readAll(file, ReadOptions.defaults()))
                .isInstanceOf(DataException.class).hasMessageContaining("line 10").hasMessageContaining("3 fields");
    }

    @Test
    void shouldProfileTheCleanRowsOfADamagedFileAsTheCleanFile() throws IOException {
        Map<Integer, byte[]> damage = fiveProblems();
        Path file = damaged("damaged.csv", damage);
        Path clean = without("clean.csv", damage.keySet());

        Profile skipped = Profiles.of(file, skip(new BadRowLog()), ProfileSettings.defaults());
        Profile expected = Profiles.of(clean, ReadOptions.defaults().withTypes(Map.of("temp_max", ColumnType.NUMERIC)),
                ProfileSettings.defaults());

        assertThat(skipped.rows()).isEqualTo(ROWS - 5);
        assertThat(ProfileJson.toTree(skipped).get("columns")).isEqualTo(ProfileJson.toTree(expected).get("columns"));
    }

    @Test
    void shouldSkipAlikeWhenInferringFromTheWholeFileAndCountEachBadRowOnce() throws IOException {
        Path file = damaged("damaged.csv", fiveProblems());
        BadRowLog log = new BadRowLog();

        long rows = Fixtures.readAll(file, skip(log).withInferRows(0));

        assertThat(rows).isEqualTo(ROWS - 5);
        assertThat(log.snapshot().total()).isEqualTo(5);
    }

    @Test
    void shouldSkipRowsThroughFastCsvToo() throws IOException {
        Map<Integer, byte[]> damage = new TreeMap<>();
        damage.put(10, bytes("2012-01-09\t4.3\t9.4"));
        damage.put(20, bytes("2012-01-19\t9.4\twarm\t-2.8\t4.9\tsnow"));
        Path tabs = folder.resolve("tabs.tsv");
        List<String> lines = Files.readAllLines(WEATHER, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            out.add(damage.containsKey(i + 1) ? new String(damage.get(i + 1), StandardCharsets.UTF_8)
                    : lines.get(i).replace(',', '\t'));
        }
        Files.write(tabs, out, StandardCharsets.UTF_8);
        BadRowLog log = new BadRowLog();

        System.setProperty("mlstages.data.fastcsv", "true");
        long rows;
        try {
            rows = Fixtures.readAll(tabs, skip(log).withDelimiter('\t'));
        } finally {
            System.clearProperty("mlstages.data.fastcsv");
        }

        assertThat(rows).isEqualTo(ROWS - 2);
        assertThat(log.snapshot().rows()).extracting(BadRows.Row::line).containsExactly(10L, 20L);
    }

    @Test
    void shouldKeepOnlyTheFirstRowsButCountThemAll() throws IOException {
        Map<Integer, byte[]> damage = new TreeMap<>();
        for (int line = 100; line < 400; line += 10) {
            damage.put(line, bytes("broken"));
        }
        Path file = damaged("many.csv", damage);
        BadRowLog log = new BadRowLog(20);

        long rows = Fixtures.readAll(file, skip(log).withMaxBadRowsShare(0.05));

        assertThat(rows).isEqualTo(ROWS - 30);
        assertThat(log.snapshot().total()).isEqualTo(30);
        assertThat(log.snapshot().rows()).hasSize(20);
        assertThat(log.snapshot().unlisted()).isEqualTo(10);
        assertThat(log.snapshot().rows().get(19).line()).isEqualTo(290);
    }

    @Test
    void shouldFailWhenTheShareOfBadRowsExceedsTheLimit() throws IOException {
        Map<Integer, byte[]> damage = new TreeMap<>();
        for (int line = 100; line < 400; line += 10) {
            damage.put(line, bytes("broken"));
        }
        Path file = damaged("many.csv", damage);

        // 30 of 1,461 rows: 2.05 %, above the default 1 %
        assertThatThrownBy(() -> Fixtures.readAll(file, skip(new BadRowLog())))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("30 of 1461 rows (2.05 %) are malformed")
                .hasMessageContaining("1.00 %")
                .hasMessageContaining("line 100");
    }

    @Test
    void shouldSkipBadLinesOfJsonLines() throws IOException {
        List<String> lines = Files.readAllLines(WEATHER, StandardCharsets.UTF_8);
        String[] names = lines.get(0).split(",");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 1; i < lines.size(); i++) {
            int line = i; // JSON Lines has no header: data row i is line i
            if (line == 5) {
                out.write(bytes("{\"date\":\"2012-01-05\",\"precipitation\":1.3,"));       // cut short
            } else if (line == 15) {
                out.write(bytes("{\"date\":\"2012-01-15\",\"precipitation\":\"lots\"}")); // not a number
            } else if (line == 25) {
                out.write(new byte[] {'{', '"', 'd', 'a', 't', 'e', '"', ':', '"', (byte) 0xFF, '"', '}'});
            } else if (line == 35) {
                out.write(bytes("[1, 2]"));
            } else {
                String[] cells = lines.get(i).split(",");
                StringBuilder object = new StringBuilder("{");
                for (int c = 0; c < names.length; c++) {
                    object.append(c == 0 ? "" : ",").append('"').append(names[c]).append("\":");
                    object.append(c == 0 || c == 5 ? "\"" + cells[c] + "\"" : cells[c]);
                }
                out.write(bytes(object.append('}').toString()));
            }
            out.write('\n');
        }
        Path file = folder.resolve("weather.jsonl");
        Files.write(file, out.toByteArray());
        BadRowLog log = new BadRowLog();

        long rows = Fixtures.readAll(file, ReadOptions.defaults().withTypes(Map.of("precipitation", ColumnType.NUMERIC))
                .withOnBadRows(OnBadRows.SKIP).withBadRowLog(log));

        assertThat(rows).isEqualTo(ROWS - 4);
        assertThat(log.snapshot().rows()).extracting(BadRows.Row::line).containsExactly(5L, 15L, 25L, 35L);
        assertThat(log.snapshot().rows().get(1).problem()).contains("'lots' is not a number");
        assertThat(log.snapshot().rows().get(2).problem()).contains("UTF-8");
        // the stream parser of fail mode reads on past the end of line 5 and trips over line 6's object
        assertThatThrownBy(() -> Fixtures.readAll(file, ReadOptions.defaults()))
                .isInstanceOf(DataException.class).hasMessageContaining("line 6");
    }

    @Test
    void shouldLeaveNoColumnBehindFromASkippedJsonLine() throws IOException {
        List<String> lines = Files.readAllLines(WEATHER, StandardCharsets.UTF_8);
        StringBuilder text = new StringBuilder();
        StringBuilder clean = new StringBuilder();
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            String object = "{\"date\":\"" + cells[0] + "\",\"wind\":" + cells[4] + "}";
            // line 3: a key no other line has, then the line breaks off
            text.append(i == 3 ? "{\"date\":\"x\",\"stray\":1,\"wind\":" : object).append('\n');
            if (i != 3) {
                clean.append(object).append('\n');
            }
        }
        Path file = folder.resolve("stray.jsonl");
        Files.writeString(file, text);
        Path cleanFile = folder.resolve("clean.jsonl");
        Files.writeString(cleanFile, clean);

        Profile skipped = Profiles.of(file, ReadOptions.defaults().withOnBadRows(OnBadRows.SKIP),
                ProfileSettings.defaults());
        Profile expected = Profiles.of(cleanFile, ReadOptions.defaults(), ProfileSettings.defaults());

        assertThat(skipped.columns()).extracting(c -> c.name()).containsExactly("date", "wind");
        assertThat(ProfileJson.toTree(skipped).get("columns")).isEqualTo(ProfileJson.toTree(expected).get("columns"));
    }

    @Test
    void shouldStayFatalWhenAQuoteNeverCloses() throws IOException {
        Path file = damaged("unclosed.csv", Map.of(1400, bytes("2015-11-01,\"0.0,10.0,2.8,2.4,sun")));

        assertThatThrownBy(() -> Fixtures.readAll(file, skip(new BadRowLog())))
                .isInstanceOf(DataException.class).hasMessageContaining("never closed");
    }

    @Test
    void shouldStayFatalWhenTheCompressionIsDamaged() throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(Files.readAllBytes(WEATHER));
        }
        byte[] bytes = zipped.toByteArray();
        Path file = folder.resolve("cut.csv.gz");
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2)); // a download cut in half

        assertThatThrownBy(() -> Fixtures.readAll(file, skip(new BadRowLog())))
                .isInstanceOf(DataException.class).hasMessageContaining("cannot be read");
    }

    @Test
    void shouldStayFatalForABadHeader() throws IOException {
        Path file = damaged("header.csv", Map.of(1, bytes("date,precipitation,date,temp_min,wind,weather")));

        assertThatThrownBy(() -> Fixtures.readAll(file, skip(new BadRowLog())))
                .isInstanceOf(DataException.class).hasMessageContaining("names this column twice");
    }

    @Test
    void shouldNameTheModesAndRefuseOthers() {
        assertThat(OnBadRows.parse("SKIP")).isEqualTo(OnBadRows.SKIP);
        assertThat(OnBadRows.parse("fail")).isEqualTo(OnBadRows.FAIL);
        assertThatThrownBy(() -> OnBadRows.parse("ignore")).hasMessageContaining("'ignore'")
                .hasMessageContaining("fail, skip");
        assertThatThrownBy(() -> ReadOptions.defaults().withMaxBadRowsShare(1.5)).hasMessageContaining("1.5");
    }

}
